import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CaptureFormat, captureToText } from '@marginalia/text';

interface ManifestArticle {
  id: string;
  file: string;
  format: CaptureFormat;
  sha256: string;
  title: string;
}

const corpus = join(__dirname, '..', '..', 'corpus');
const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as {
  articles: ManifestArticle[];
};

function article(id: string): ManifestArticle & { content: string } {
  const found = manifest.articles.find((entry) => entry.id === id);
  if (!found) throw new Error(`No corpus article ${id}`);
  return { ...found, content: readFileSync(join(corpus, found.file), 'utf8') };
}

describe('the corpus articles as text', () => {
  it.each(manifest.articles.map(({ id }) => id))(
    'article %s always gives the same text and textSha256',
    (id) => {
      const { format, content } = article(id);
      const first = captureToText({ format, content });
      const second = captureToText({ format, content: `${content}` });
      expect(second).toEqual(first);
      expect(first.textSha256).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it.each(['000', '001', '002', '004'])(
    'plain text article %s is its capture unchanged, already NFC with LF line endings',
    (id) => {
      const { format, content, sha256 } = article(id);
      const { text, textSha256 } = captureToText({ format, content });
      expect(text).toBe(content);
      expect(textSha256).toBe(sha256);
    },
  );

  it('article 002 keeps its single 2,794-character line whole, then the stray "|"', () => {
    const { format, content } = article('002');
    const lines = captureToText({ format, content }).text.split('\n');
    expect(lines).toHaveLength(2);
    expect(Array.from(lines[0] ?? '')).toHaveLength(2794);
    expect(lines[1]).toBe('|');
  });

  it('article 004 keeps its no-break spaces', () => {
    const { format, content } = article('004');
    const count = (text: string) => text.split('\u00a0').length - 1;
    expect(count(captureToText({ format, content }).text)).toBe(12);
  });

  describe('article 003, Markdown with front matter and HTML paragraphs', () => {
    const { format, content, title } = article('003');
    const { text, metadata } = captureToText({ format, content });

    it('keeps no tag and no entity in its text', () => {
      expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
      expect(text).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
      expect(text).not.toContain('---');
    });

    it('takes its title and date from the front matter', () => {
      expect(metadata).toMatchObject({ title, date: '2022-05-26T07:32:30+08:00' });
    });

    it('keeps its paragraph breaks', () => {
      expect(text.startsWith('“坚持稳中求进工作总基调')).toBe(true);
      expect(text).toContain('迈出更大步伐。”\n\n习近平总书记在山西考察调研时');
      expect(text).toContain('持续推动产业转型加快融通开放步伐\n\n“对山西来说');
      expect(text.split('\n\n').length).toBeGreaterThan(25);
    });

    it('shows its links as their text, the bare address as written', () => {
      expect(
        text.endsWith(
          '（文章来源：山西晚报）\n\nhttp://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202205262391973170\n\n返回山西晚报新闻｜返回首页',
        ),
      ).toBe(true);
    });
  });
});
