import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DEFAULT_RATING_SCALE, SUMMARY_MAX_CODE_POINTS } from '@marginalia/domain';
import { COAL_VERDICT } from '../claim-example';
import { CodePointsBetween, NotBlank } from '../claim-fields';

/** A rating's id: which ids exist is the configured scale's business, checked by the domain. */
export const RATING_ID = /^[a-z][a-z0-9_]{0,63}$/;
const DEFAULT_IDS = DEFAULT_RATING_SCALE.ratings.map((rating) => rating.id).join(', ');

export class VerdictSourceRequest {
  @ApiProperty({ format: 'uri', example: COAL_VERDICT.source.url })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ example: COAL_VERDICT.source.title })
  @NotBlank()
  @MaxLength(1000)
  title!: string;

  @ApiPropertyOptional({ example: COAL_VERDICT.source.quote })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  quote?: string;

  @ApiProperty({
    example: COAL_VERDICT.source.accessedAt,
    description: 'ISO 8601 date or date-time',
  })
  @IsISO8601({ strict: true }, { message: 'accessedAt must be an ISO 8601 date or date-time' })
  accessedAt!: string;
}

/** A verdict's draft, new or replacing the current one (SPEC §5). */
export class DraftVerdictRequest {
  @ApiProperty({
    example: COAL_VERDICT.rating,
    description: `A rating of the configured scale (RATING_SCALE_FILE); by default ${DEFAULT_IDS}`,
  })
  @IsString()
  @Matches(RATING_ID, { message: 'rating must be the id of a rating of the scale' })
  rating!: string;

  @ApiProperty({
    example: COAL_VERDICT.summary,
    description: `Public; 1 to ${SUMMARY_MAX_CODE_POINTS} characters (code points)`,
  })
  @IsString()
  @CodePointsBetween(1, SUMMARY_MAX_CODE_POINTS)
  summary!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: COAL_VERDICT.rationale })
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  rationale?: string | null;

  @ApiProperty({
    type: [VerdictSourceRequest],
    description: 'May be empty in a draft; submitting needs at least one (verdict_needs_source)',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => VerdictSourceRequest)
  sources!: VerdictSourceRequest[];
}
