import { ApiProperty } from '@nestjs/swagger';
import { type ArticleRow } from '@marginalia/projections';
import { CORPUS_000 } from '../../../../libs/editorial/src/articles/article-example';

/** An article in the desk's list (SPEC §6, §8): what it is, and what is open on it. */
export class ArticleSummaryResponse {
  @ApiProperty({ format: 'uuid', example: CORPUS_000.id })
  id!: string;

  @ApiProperty({ example: CORPUS_000.title })
  title!: string;

  @ApiProperty({ example: CORPUS_000.language })
  language!: string;

  @ApiProperty({ example: 1, description: 'The current revision' })
  revision!: number;

  @ApiProperty({ type: String, nullable: true, example: CORPUS_000.publishedAt })
  publishedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: CORPUS_000.publisher })
  publisher!: string | null;

  @ApiProperty({ enum: ['active', 'withdrawn'], example: 'active' })
  status!: 'active' | 'withdrawn';

  @ApiProperty({ example: 2, description: 'Claims neither withdrawn nor with a published verdict' })
  openClaims!: number;

  @ApiProperty({ example: 1 })
  publishedVerdicts!: number;

  @ApiProperty({ example: 0, description: 'Published corrections' })
  corrections!: number;

  @ApiProperty({ example: 0, description: 'The article’s stream revision (its ETag)' })
  version!: number;
}

export class ArticlePageResponse {
  @ApiProperty({ type: [ArticleSummaryResponse] })
  items!: ArticleSummaryResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'For the next page; null at the end' })
  nextCursor!: string | null;
}

export function articleSummary(row: ArticleRow): ArticleSummaryResponse {
  return {
    id: row.id,
    title: row.title,
    language: row.language,
    revision: row.revision,
    publishedAt: row.publishedAt,
    publisher: row.source.publisher,
    status: row.status,
    openClaims: row.openClaims,
    publishedVerdicts: row.publishedVerdicts,
    corrections: row.corrections,
    version: row.version,
  };
}
