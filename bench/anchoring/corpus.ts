import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CaptureFormat, captureToText } from '@marginalia/text';

export interface CorpusArticle {
  id: string;
  text: string;
}

interface Manifest {
  articles: { id: string; file: string; format: CaptureFormat }[];
}

const corpusFolder = join(__dirname, '..', '..', 'corpus');

/** The five corpus articles as Marginalia's importer derives their text. */
export function readCorpus(): CorpusArticle[] {
  const manifest = JSON.parse(
    readFileSync(join(corpusFolder, 'manifest.json'), 'utf8'),
  ) as Manifest;
  return manifest.articles.map(({ id, file, format }) => ({
    id,
    text: captureToText({ format, content: readFileSync(join(corpusFolder, file), 'utf8') }).text,
  }));
}
