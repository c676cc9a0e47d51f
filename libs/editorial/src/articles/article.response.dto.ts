import { ApiProperty } from '@nestjs/swagger';
import { type CommandResult } from '../shared/aggregate-store';
import { type Article, currentRevision } from '@marginalia/domain';
import { CAPTURE_FORMATS, type CaptureFormat } from '@marginalia/text';
import { CORPUS_000 } from './article-example';

export class ArticleSourceResponse {
  @ApiProperty({ type: String, nullable: true, example: CORPUS_000.url })
  url!: string | null;

  @ApiProperty({ type: String, nullable: true, example: CORPUS_000.publisher })
  publisher!: string | null;

  @ApiProperty({ type: String, nullable: true, example: CORPUS_000.publishedAt })
  publishedAt!: string | null;
}

export class ArticleRevisionResponse {
  @ApiProperty({ example: 1 })
  revision!: number;

  @ApiProperty({ example: CORPUS_000.textSha256 })
  textSha256!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The correction that produced this revision; null for an import or re-import',
  })
  correctionId!: string | null;
}

/** An article's metadata and current revision; `version` is also its ETag. */
export class ArticleResponse {
  @ApiProperty({ format: 'uuid', example: CORPUS_000.id })
  id!: string;

  @ApiProperty({ example: CORPUS_000.title })
  title!: string;

  @ApiProperty({ example: CORPUS_000.language })
  language!: string;

  @ApiProperty({ enum: CAPTURE_FORMATS, example: 'text' })
  format!: CaptureFormat;

  @ApiProperty({ enum: ['active', 'withdrawn'], example: 'active' })
  status!: 'active' | 'withdrawn';

  @ApiProperty({ type: ArticleSourceResponse })
  source!: ArticleSourceResponse;

  @ApiProperty({ type: String, nullable: true, example: CORPUS_000.externalId })
  externalId!: string | null;

  @ApiProperty({ example: 1, description: 'The current revision' })
  revision!: number;

  @ApiProperty({ example: CORPUS_000.textSha256, description: 'Of the current revision’s text' })
  textSha256!: string;

  @ApiProperty({ type: [ArticleRevisionResponse] })
  revisions!: ArticleRevisionResponse[];

  @ApiProperty({ example: 0, description: 'The stream revision; the ETag is "<version>"' })
  version!: number;
}

export function articleResponse(article: Article, version: number): ArticleResponse {
  const current = currentRevision(article);
  return {
    id: article.articleId,
    title: article.title,
    language: article.language,
    format: article.format,
    status: article.status,
    source: {
      url: article.source.url,
      publisher: article.source.publisher,
      publishedAt: article.source.publishedAt,
    },
    externalId: article.externalId,
    revision: current.revision,
    textSha256: current.textSha256,
    revisions: article.revisions.map(({ revision, textSha256, correctionId }) => ({
      revision,
      textSha256,
      correctionId,
    })),
    version,
  };
}

/** The headers of an article answer: the new resource and its version. */
export const ARTICLE_HEADERS = {
  Location: { description: 'The new resource', schema: { type: 'string' } },
  ETag: { description: 'The article’s version, for If-Match', schema: { type: 'string' } },
};

/** A command's resulting state; an article command that succeeded always leaves an article. */
export function articleAnswer({ state, version }: CommandResult<Article | null>): ArticleResponse {
  if (!state || version === undefined) throw new Error('The command left no article');
  return articleResponse(state, version);
}
