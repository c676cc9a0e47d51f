import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EVENT_SCHEMA_VERSIONS } from '@marginalia/domain';
import { PageQuery } from '@marginalia/http';
import { ISO_INSTANT } from '../annotated-view/annotated-view.query.dto';

export const EVENT_TYPES = Object.keys(EVENT_SCHEMA_VERSIONS);
export const HISTORY_FORMATS = ['json', 'jsonl', 'csv'] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

const ISO_MESSAGE = 'must be an ISO 8601 time with an offset, e.g. 2024-12-03T10:30:00+08:00';

/** `?type=A&type=B` and `?type=A,B` alike. */
function listOf(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.flatMap((item) =>
    typeof item === 'string'
      ? item
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== '')
      : [item],
  );
}

/** The filters and form of a history (SPEC §6, §8). */
export class HistoryQuery extends PageQuery {
  @ApiPropertyOptional({
    type: [String],
    enum: EVENT_TYPES,
    example: ['CorrectionProposed', 'CorrectionApproved'],
    description: 'Event types: repeated (`type=A&type=B`) or comma-separated (`type=A,B`)',
  })
  @IsOptional()
  @Transform(({ value }) => listOf(value))
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true })
  type?: string[];

  @ApiPropertyOptional({
    example: 'editor-li',
    description: 'The actor’s `sub`; `system` for the process managers',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  actor?: string;

  @ApiPropertyOptional({
    example: '2024-12-03T00:00:00+08:00',
    description: 'Recorded at or after',
  })
  @IsOptional()
  @Matches(ISO_INSTANT, { message: `from ${ISO_MESSAGE}` })
  from?: string;

  @ApiPropertyOptional({
    example: '2024-12-04T00:00:00+08:00',
    description: 'Recorded at or before',
  })
  @IsOptional()
  @Matches(ISO_INSTANT, { message: `to ${ISO_MESSAGE}` })
  to?: string;

  @ApiPropertyOptional({
    enum: HISTORY_FORMATS,
    default: 'json',
    description:
      '`json`: a page of entries; `jsonl` (application/x-ndjson) and `csv` (text/csv): every ' +
      'matching entry, streamed',
  })
  @IsOptional()
  @IsIn(HISTORY_FORMATS)
  format?: HistoryFormat;
}
