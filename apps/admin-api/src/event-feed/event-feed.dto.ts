import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { type StoredEvent } from '@marginalia/event-store';
import { PageQuery } from '@marginalia/http';
import { CORPUS_002 } from '../../../../libs/editorial/src/corrections/correction-example';

/** Where a stream starts when no Last-Event-ID is given. */
export class EventStreamQuery {
  @ApiPropertyOptional({ example: 0, description: 'Exclusive: the events after it' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
}

/** The feed's page: after a position, at most `limit` events (no cursor: `after` is one). */
export class EventFeedQuery extends IntersectionType(
  EventStreamQuery,
  PickType(PageQuery, ['limit']),
) {}

/** One stored event as integrations read it (SPEC §8 "Event feed"), its data as stored. */
export class FeedEventResponse {
  @ApiProperty({ example: 8, description: 'Global log position, from 1' })
  position!: number;

  @ApiProperty({
    example: 7,
    description:
      'The event’s leaf in the log’s Merkle tree, from 0 (SPEC §9); on SQLite, position − 1',
  })
  leafIndex!: number;

  @ApiProperty({ example: `correction-${CORPUS_002.correctionId}` })
  streamId!: string;

  @ApiProperty({ example: 0, description: 'Position within its stream, from 0' })
  revision!: number;

  @ApiProperty({ example: 'CorrectionProposed' })
  type!: string;

  @ApiProperty({ example: 1 })
  schemaVersion!: number;

  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'eventId, occurredAt, actor, correlationId, causationId, reason, hash…',
  })
  metadata!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time', description: 'When the store recorded it' })
  recordedAt!: string;
}

export class EventFeedResponse {
  @ApiProperty({ type: [FeedEventResponse] })
  items!: FeedEventResponse[];

  @ApiProperty({
    example: 8,
    description: 'The last item’s position, or `after` when there is none: the next `after`',
  })
  lastPosition!: number;

  @ApiProperty({ example: 8, description: 'The log’s head when the page was read' })
  headPosition!: number;
}

export function feedEvent(event: StoredEvent, leafIndex: number): FeedEventResponse {
  const { position, streamId, revision, type, schemaVersion, data, metadata, recordedAt } = event;
  return {
    position,
    leafIndex,
    streamId,
    revision,
    type,
    schemaVersion,
    data,
    metadata,
    recordedAt,
  };
}

/** One message of `GET /v1/changes/stream`: where and what changed, not who or how. */
export class ChangeItemResponse {
  @ApiProperty({ example: 8, description: 'Global log position, from 1' })
  position!: number;

  @ApiProperty({ example: `correction-${CORPUS_002.correctionId}` })
  streamId!: string;

  @ApiProperty({ example: 'CorrectionProposed' })
  type!: string;

  @ApiProperty({ format: 'date-time', description: 'When the store recorded it' })
  recordedAt!: string;
}

export function changeItem(event: StoredEvent): ChangeItemResponse {
  const { position, streamId, type, recordedAt } = event;
  return { position, streamId, type, recordedAt };
}
