import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';

/** An ISO 8601 date and time with its offset: an instant, whatever the server's time zone. */
export const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/;

/** A replay of the view (SPEC §6, §8): at a log position, or as of an instant; not both. */
export class AnnotatedViewQuery {
  @ApiPropertyOptional({
    example: 12,
    description: 'A global log position; the event at this position is included',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  at?: number;

  @ApiPropertyOptional({
    example: '2024-12-03T10:30:00+08:00',
    description: 'An ISO 8601 time with its offset; every event recorded at or before it counts',
  })
  @IsOptional()
  @Matches(ISO_INSTANT, {
    message: 'asOf must be an ISO 8601 time with an offset, e.g. 2024-12-03T10:30:00+08:00',
  })
  asOf?: string;
}
