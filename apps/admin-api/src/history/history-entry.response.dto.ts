import { ApiProperty } from '@nestjs/swagger';
import { CORPUS_002 } from '../../../../libs/editorial/src/corrections/correction-example';

export class ActorResponse {
  @ApiProperty({ example: 'editor-li', description: '`system` for the process managers' })
  sub!: string;

  @ApiProperty({ required: false, example: '李编辑' })
  name?: string;

  @ApiProperty({ type: [String], example: ['editor'] })
  roles!: string[];
}

/** One event of an audit history, with its envelope (SPEC §4, §8). */
export class HistoryEntryResponse {
  @ApiProperty({ example: 7, description: 'Global log position' })
  position!: number;

  @ApiProperty({ format: 'date-time', description: 'When the store recorded it' })
  recordedAt!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  occurredAt!: string | null;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: `correction-${CORPUS_002.correctionId}` })
  streamId!: string;

  @ApiProperty({ example: 0, description: 'Position within its stream' })
  revision!: number;

  @ApiProperty({ example: 'CorrectionProposed' })
  type!: string;

  @ApiProperty({ example: 1 })
  schemaVersion!: number;

  @ApiProperty({ format: 'uuid', example: CORPUS_002.id })
  articleId!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The claim or correction; null for the article’s own events',
  })
  annotationId!: string | null;

  @ApiProperty({ type: ActorResponse })
  actor!: ActorResponse;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: String, nullable: true })
  correlationId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  causationId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  idempotencyKey!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event’s data' })
  data!: Record<string, unknown>;
}

export class HistoryPageResponse {
  @ApiProperty({ type: [HistoryEntryResponse] })
  items!: HistoryEntryResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'For the next page; null at the end' })
  nextCursor!: string | null;
}
