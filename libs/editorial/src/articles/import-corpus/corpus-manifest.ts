import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaptureFormat } from '@marginalia/text';

export interface CorpusEntry {
  id: string;
  file: string;
  sha256: string;
  title: string;
  language: string;
  format: CaptureFormat;
  publisher: string | null;
  sourceUrl: string | null;
  publishedAt: string | null;
}

export async function readManifest(directory: string): Promise<CorpusEntry[]> {
  const manifest = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8')) as {
    articles: CorpusEntry[];
  };
  return manifest.articles;
}

/** A capture's text; invalid UTF-8 is refused rather than silently replaced. */
export async function readCapture(directory: string, entry: CorpusEntry): Promise<string> {
  const bytes = await readFile(join(directory, entry.file));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
