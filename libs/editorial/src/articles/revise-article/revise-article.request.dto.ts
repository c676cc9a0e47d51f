import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CAPTURE_FORMATS, type CaptureFormat } from '@marginalia/text';
import { CORPUS_000 } from '../article-example';

/** A re-import of the source as a new revision (SPEC §2, §6). */
export class ReviseArticleRequest {
  @ApiProperty({
    example: CORPUS_000.content.replace('13.78亿吨', '13.78亿吨(原煤)'),
    description:
      'The new capture; identical text to the current revision is 422 revision_unchanged',
  })
  @IsString()
  content!: string;

  @ApiPropertyOptional({
    enum: CAPTURE_FORMATS,
    description: 'Defaults to the article’s current format',
  })
  @IsOptional()
  @IsIn(CAPTURE_FORMATS)
  format?: CaptureFormat | null;

  @ApiProperty({ example: '来源页面补充了统计口径' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
