import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CORRECTION_KINDS, type CorrectionKind, type CorrectionStatus } from '@marginalia/domain';
import { PageQuery } from '@marginalia/http';
import { CORPUS_002 } from '../correction-example';

export const CORRECTION_STATUSES: readonly CorrectionStatus[] = [
  'proposed',
  'approved',
  'published',
  'rejected',
  'withdrawn',
];

export class CorrectionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: CORPUS_002.id })
  @IsOptional()
  @IsUUID()
  articleId?: string;

  @ApiPropertyOptional({ enum: CORRECTION_STATUSES, example: 'proposed' })
  @IsOptional()
  @IsIn(CORRECTION_STATUSES)
  status?: CorrectionStatus;

  @ApiPropertyOptional({ enum: CORRECTION_KINDS, example: 'correction' })
  @IsOptional()
  @IsIn(CORRECTION_KINDS)
  kind?: CorrectionKind;
}
