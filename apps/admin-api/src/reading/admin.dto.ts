import { ApiProperty } from '@nestjs/swagger';

export class BrokenChainResponse {
  @ApiProperty({ example: 'article-bb8c134f-824e-5c3c-982e-8f2320c68331' })
  streamId!: string;

  @ApiProperty({ example: 0, description: 'The first event of the stream that does not verify' })
  revision!: number;

  @ApiProperty({ example: 'hash_mismatch' })
  reason!: string;

  @ApiProperty({ example: 'The stored hash does not match the event’s content' })
  detail!: string;
}

export class ChainsResponse {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ type: [BrokenChainResponse] })
  broken!: BrokenChainResponse[];
}

export class ReadModelDifferenceResponse {
  @ApiProperty({ example: 'articles' })
  model!: string;

  @ApiProperty({ example: 'bb8c134f-824e-5c3c-982e-8f2320c68331' })
  key!: string;

  @ApiProperty({ example: 'title differs' })
  detail!: string;
}

export class ReadModelsCheckResponse {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ example: 42, description: 'The log position both sides were compared at' })
  position!: number;

  @ApiProperty({ type: [ReadModelDifferenceResponse] })
  differences!: ReadModelDifferenceResponse[];
}

/** The integrity report of SPEC §8. */
export class IntegrityReportResponse {
  @ApiProperty({ description: 'Every chain verified and every read model as a fresh replay' })
  ok!: boolean;

  @ApiProperty({ example: 12 })
  streams!: number;

  @ApiProperty({ example: 42 })
  events!: number;

  @ApiProperty({ type: ChainsResponse })
  chains!: ChainsResponse;

  @ApiProperty({ type: ReadModelsCheckResponse })
  readModels!: ReadModelsCheckResponse;
}

export class RebuildResponse {
  @ApiProperty({ example: 42, description: 'Events replayed' })
  events!: number;

  @ApiProperty({ example: 42, description: 'The log position the new read models reflect' })
  position!: number;

  @ApiProperty({ example: 180 })
  durationMs!: number;
}
