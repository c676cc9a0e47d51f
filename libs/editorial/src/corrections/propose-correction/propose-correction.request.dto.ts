import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CORRECTION_KINDS, type CorrectionKind } from '@marginalia/domain';
import { CORPUS_002 } from '../correction-example';
import { SelectorRequest } from '@marginalia/http';

export const NOTICE_MAX_LENGTH = 2000;

/** A proposed correction of a span, or an editor's note about the whole article (SPEC §5). */
export class ProposeCorrectionRequest {
  @ApiPropertyOptional({
    example: 1,
    description: 'The selector’s revision; the current one by default',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;

  @ApiPropertyOptional({
    type: SelectorRequest,
    description: 'The span; only an `editors_note` may leave it out',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SelectorRequest)
  selector?: SelectorRequest;

  @ApiProperty({ enum: CORRECTION_KINDS, example: 'correction' })
  @IsIn(CORRECTION_KINDS)
  kind!: CorrectionKind;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: CORPUS_002.replacement,
    description: 'The span’s new text (`""` deletes it); absent or null publishes only the notice',
  })
  @IsOptional()
  @IsString()
  replacement?: string | null;

  @ApiProperty({ example: CORPUS_002.notice, description: 'The public notice' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NOTICE_MAX_LENGTH)
  notice!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'A claim of the same article that this correction answers',
  })
  @IsOptional()
  @IsUUID()
  claimId?: string | null;
}
