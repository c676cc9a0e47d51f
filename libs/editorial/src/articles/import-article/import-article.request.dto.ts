import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CAPTURE_FORMATS, type CaptureFormat } from '@marginalia/text';
import { CORPUS_000 } from '../article-example';

export class ArticleSourceRequest {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uri',
    example: CORPUS_000.url,
    description: 'A source URL already imported is 409 article_exists',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  url?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: CORPUS_000.publisher })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  publisher?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date-time',
    example: CORPUS_000.publishedAt,
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  publishedAt?: string | null;
}

export class ImportArticleRequest {
  @ApiProperty({ example: CORPUS_000.title })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  title!: string;

  @ApiProperty({ example: CORPUS_000.language, description: 'A BCP 47 language tag' })
  @IsString()
  @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, { message: 'language must be a BCP 47 tag' })
  language!: string;

  @ApiProperty({ enum: CAPTURE_FORMATS, example: 'text' })
  @IsIn(CAPTURE_FORMATS)
  format!: CaptureFormat;

  @ApiProperty({
    example: CORPUS_000.content,
    description: 'The raw capture, kept as received; the text is derived from it (SPEC §2)',
  })
  @IsString()
  content!: string;

  @ApiProperty({ type: ArticleSourceRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => ArticleSourceRequest)
  source!: ArticleSourceRequest;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: CORPUS_000.externalId,
    description: 'Identifies the article when the source has no URL',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  externalId?: string | null;
}
