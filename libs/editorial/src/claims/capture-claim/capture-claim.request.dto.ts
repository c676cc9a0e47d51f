import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, Min, ValidateNested } from 'class-validator';
import { COAL_CLAIM } from '../claim-example';
import { Claimant, Statement, Topics } from '../claim-fields';
import { SelectorRequest } from '@marginalia/http';

/** A claim captured on a span of an article (SPEC §6). */
export class CaptureClaimRequest {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: COAL_CLAIM.revision,
    description:
      'The revision the selector counts in; defaults to the current one. A claim captured on an ' +
      'older revision follows its passage to the current one.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number | null;

  @ApiProperty({ type: SelectorRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => SelectorRequest)
  selector!: SelectorRequest;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: COAL_CLAIM.statement,
    description: 'The claim in the desk’s words; defaults to the quoted text',
  })
  @IsOptional()
  @Statement()
  statement?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: COAL_CLAIM.claimant })
  @IsOptional()
  @Claimant()
  claimant?: string | null;

  @ApiPropertyOptional({ type: [String], example: COAL_CLAIM.topics })
  @IsOptional()
  @Topics()
  topics?: string[];
}
