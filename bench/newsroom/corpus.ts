import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleSource } from '@marginalia/domain';
import type { CaptureFormat } from '@marginalia/text';
import { type Random } from '../anchoring/random';

/** One corpus article as the manifest describes it, with its raw capture. */
export interface CorpusSource {
  id: string;
  title: string;
  language: string;
  format: CaptureFormat;
  publisher: string | null;
  content: string;
}

interface Manifest {
  articles: Array<{
    id: string;
    file: string;
    title: string;
    language: string;
    format: CaptureFormat;
    publisher: string | null;
  }>;
}

export const corpusFolder = join(__dirname, '..', '..', 'corpus');

export function readCorpusSources(): CorpusSource[] {
  const manifest = JSON.parse(
    readFileSync(join(corpusFolder, 'manifest.json'), 'utf8'),
  ) as Manifest;
  return manifest.articles.map((article) => ({
    id: article.id,
    title: article.title,
    language: article.language,
    format: article.format,
    publisher: article.publisher,
    content: readFileSync(join(corpusFolder, article.file), 'utf8'),
  }));
}

/** What an editor imports: a corpus capture as another edition would carry it. */
export interface ClonedCapture {
  title: string;
  language: string;
  format: CaptureFormat;
  content: string;
  source: ArticleSource;
}

const DIGIT = /[0-9]/g;

/**
 * The `number`-th clone of a corpus article: its own title and source URL, one figure changed
 * somewhere in the body, and a byline appended at the end. Anchors are taken in the clone's
 * own text, so the edits need not avoid anything.
 */
export function cloneCapture(
  source: CorpusSource,
  number: number,
  publishedAt: string,
  random: Random,
): ClonedCapture {
  const digits = [...source.content.matchAll(DIGIT)];
  let content = source.content;
  if (digits.length > 0) {
    const at = random.pick(digits).index;
    const replaced = String((Number(content[at]) + random.int(1, 9)) % 10);
    content = content.slice(0, at) + replaced + content.slice(at + 1);
  }
  content += `\n\n（本报记者 第${number}号稿件，${publishedAt.slice(0, 10)}）\n`;
  return {
    title: `${source.title}（${number}）`,
    language: source.language,
    format: source.format,
    content,
    source: {
      url: `https://news.example.cn/${source.id}/${number}.html`,
      publisher: source.publisher,
      publishedAt,
    },
  };
}
