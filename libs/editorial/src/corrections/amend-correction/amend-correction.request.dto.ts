import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CORPUS_002 } from '../correction-example';
import { NOTICE_MAX_LENGTH } from '../propose-correction/propose-correction.request.dto';
import { SelectorRequest } from '@marginalia/http';

/** Optional, but not null: a notice, a span or a revision cannot be removed. */
const IfPresent = () => ValidateIf((_: unknown, value: unknown) => value !== undefined);

/**
 * The fields of a proposal to change; those left out stay as they are. As JSON Merge Patch
 * (RFC 7396) too: `replacement: null` removes the replacement, leaving a notice-only correction.
 */
export class AmendCorrectionRequest {
  @ApiPropertyOptional({
    type: SelectorRequest,
    description: 'A new span, placed by hand (an orphaned correction is re-anchored this way)',
  })
  @IfPresent()
  @IsObject()
  @ValidateNested()
  @Type(() => SelectorRequest)
  selector?: SelectorRequest;

  @ApiPropertyOptional({
    example: 2,
    description: 'The new selector’s revision; the current one by default',
  })
  @IfPresent()
  @IsInt()
  @Min(1)
  revision?: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: CORPUS_002.replacement,
    description: 'The span’s new text; null leaves only the notice',
  })
  @IsOptional()
  @IsString()
  replacement?: string | null;

  @ApiPropertyOptional({ example: CORPUS_002.notice })
  @IfPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(NOTICE_MAX_LENGTH)
  notice?: string;
}
