import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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
export class LogProblemResponse {
  @ApiProperty({
    example: 'checkpoint_root_mismatch',
    description:
      'position_gap, position_out_of_order, recorded_time_went_back, leaf_mismatch, ' +
      'checkpoint_unverified, checkpoint_origin_mismatch, checkpoint_out_of_order, ' +
      'checkpoint_beyond_log or checkpoint_root_mismatch (docs/auditors.md)',
  })
  reason!: string;

  @ApiPropertyOptional({ example: 17, description: 'The leaf where a leaf problem is found' })
  leafIndex?: number;

  @ApiPropertyOptional({ example: 40, description: 'The size of the checkpoint concerned' })
  treeSize?: number;

  @ApiProperty({
    example: 'the log’s first 40 leaves do not hash to the root of an issued checkpoint',
  })
  detail!: string;
}

/** The verifiable log's part of the report (SPEC §9). */
export class LogCheckResponse {
  @ApiProperty({ description: 'Every checkpoint verifies and the log extends each of them' })
  ok!: boolean;

  @ApiProperty({ example: 42, description: 'Leaves of the tree rebuilt from the stored log' })
  treeSize!: number;

  @ApiProperty({ example: 'x9pdVcXdMUbn0A1AmLZiN5rTfO7hEoIoHQmHbpgR2Ss=' })
  rootHash!: string;

  @ApiProperty({ example: 5, description: 'How many issued checkpoints were checked' })
  checkpoints!: number;

  @ApiProperty({ type: [LogProblemResponse], description: 'In log order, the earliest first' })
  problems!: LogProblemResponse[];
}

export class IntegrityReportResponse {
  @ApiProperty({ description: 'Every chain verified and every read model as a fresh replay' })
  ok!: boolean;

  @ApiProperty({ example: 12 })
  streams!: number;

  @ApiProperty({ example: 42 })
  events!: number;

  @ApiProperty({ type: ChainsResponse })
  chains!: ChainsResponse;

  @ApiProperty({ type: LogCheckResponse })
  log!: LogCheckResponse;

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
