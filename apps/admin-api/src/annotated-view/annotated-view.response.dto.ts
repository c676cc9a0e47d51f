import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CORRECTION_KINDS, type CorrectionKind } from '@marginalia/domain';
import { CORPUS_002 } from '../../../../libs/editorial/src/corrections/correction-example';
import { AnchorResponse } from '@marginalia/editorial';

export class ViewAnnotationResponse {
  @ApiProperty({ format: 'uuid', example: CORPUS_002.correctionId })
  id!: string;

  @ApiProperty({ enum: ['claim', 'correction'], example: 'correction' })
  type!: 'claim' | 'correction';

  @ApiProperty({ example: 'published', description: 'The claim’s or the correction’s status' })
  status!: string;

  @ApiProperty({
    type: AnchorResponse,
    nullable: true,
    description: 'Null for an editor’s note, or a correction that deleted its span',
  })
  anchor!: AnchorResponse | null;

  @ApiPropertyOptional({ description: 'Claims: the statement checked' })
  statement?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'mostly_true',
    description: 'Claims: the published verdict’s rating, null while none stands',
  })
  rating?: string | null;

  @ApiPropertyOptional({ enum: CORRECTION_KINDS, description: 'Corrections' })
  kind?: CorrectionKind;

  @ApiPropertyOptional({ type: String, nullable: true, example: CORPUS_002.replacement })
  replacement?: string | null;
}

export class SegmentResponse {
  @ApiProperty({ example: 0, description: 'Code points' })
  start!: number;

  @ApiProperty({ example: 1001, description: 'Code points, exclusive' })
  end!: number;

  @ApiProperty({ type: [String], example: [], description: 'The annotations covering this piece' })
  annotationIds!: string[];
}

export class NoticeResponse {
  @ApiProperty({ format: 'uuid', example: CORPUS_002.correctionId })
  correctionId!: string;

  @ApiProperty({ enum: CORRECTION_KINDS, example: 'correction' })
  kind!: CorrectionKind;

  @ApiProperty({ example: CORPUS_002.notice })
  notice!: string;

  @ApiProperty({ example: 2 })
  revision!: number;

  @ApiProperty({ format: 'date-time' })
  publishedAt!: string;
}

/** The annotated view of SPEC §6: one revision's text, its annotations, segments and notices. */
export class AnnotatedViewResponse {
  @ApiProperty({ format: 'uuid', example: CORPUS_002.id })
  articleId!: string;

  @ApiProperty({ example: '陽泉專場新聞發布會 (推動高質量發展 深化全方位轉型 系列第二十五場)' })
  title!: string;

  @ApiProperty({ example: 2 })
  revision!: number;

  @ApiProperty({ description: 'The revision’s text, which every offset counts in' })
  text!: string;

  @ApiProperty({ example: 12, description: 'The global position of the last event reflected' })
  position!: number;

  @ApiProperty({ type: [ViewAnnotationResponse] })
  annotations!: ViewAnnotationResponse[];

  @ApiProperty({ type: [SegmentResponse], description: 'Consecutive pieces covering the text' })
  segments!: SegmentResponse[];

  @ApiProperty({ type: [NoticeResponse], description: 'Published notices, newest first' })
  notices!: NoticeResponse[];
}
