import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ManifestArticle {
  id: string;
  file: string;
  sha256: string;
  bytes: number;
  title: string;
  language: string;
  format: string;
  publisher: string | null;
  sourceUrl: string | null;
  publishedAt: string | null;
  publishedAtNote: string | null;
}

const corpus = join(__dirname, '..', '..', 'corpus');
const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as {
  articles: ManifestArticle[];
};

describe('the corpus', () => {
  it('lists every article file of the folder exactly once', () => {
    const files = readdirSync(corpus).filter((name) => name.endsWith('.txt'));
    expect(manifest.articles.map((a) => a.file).sort()).toEqual(files.sort());
    expect(files).toHaveLength(5);
  });

  it.each(manifest.articles.map((a) => [a.file, a] as const))(
    '%s is byte for byte the capture the manifest describes',
    (file, article) => {
      const bytes = readFileSync(join(corpus, file));
      expect(bytes.length).toBe(article.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(article.sha256);
    },
  );

  it.each(manifest.articles.map((a) => [a.file, a] as const))(
    '%s is described well enough to import',
    (_file, article) => {
      expect(article.title.length).toBeGreaterThan(0);
      expect(['zh-Hans', 'zh-Hant']).toContain(article.language);
      expect(['text', 'html', 'markdown']).toContain(article.format);
      if (article.publishedAt === null) expect(article.publishedAtNote).toEqual(expect.any(String));
      else expect(article.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      if (article.sourceUrl !== null) expect(new URL(article.sourceUrl).protocol).toMatch(/^https?:$/);
    },
  );
});
