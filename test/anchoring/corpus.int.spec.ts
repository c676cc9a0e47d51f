import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Reanchoring, RevisionText, resolveSelector, utf16Range } from '@marginalia/anchoring';
import { type CaptureFormat, captureToText } from '@marginalia/text';

const corpus = join(__dirname, '..', '..', 'corpus');
const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as {
  articles: { id: string; file: string; format: CaptureFormat }[];
};
const texts = new Map(
  manifest.articles.map(({ id, file, format }) => [
    id,
    captureToText({ format, content: readFileSync(join(corpus, file), 'utf8') }).text,
  ]),
);

function textOf(id: string): string {
  const text = texts.get(id);
  if (text === undefined) throw new Error(`No corpus article ${id}`);
  return text;
}

/** Spans every 7 code points, of 1 to 40 code points, as a busy fact-check desk marks them. */
function annotationsOf(text: RevisionText, count: number) {
  return Array.from({ length: count }, (_, index) => {
    const start = (index * 7) % (text.length - 41);
    return resolveSelector(text, { start, end: start + 1 + (index % 40) });
  });
}

describe('anchoring on the corpus', () => {
  it('resolves the SPEC example of article 000 by position and by quote alike', () => {
    const text = textOf('000');
    const byPosition = resolveSelector(text, { start: 1774, end: 1789 });
    expect(byPosition.exact).toBe('去年煤炭产量达到13.78亿吨');
    expect(resolveSelector(text, { exact: '去年煤炭产量达到13.78亿吨' })).toEqual(byPosition);
  });

  it.each(manifest.articles.map(({ id }) => id))(
    'article %s: after a correction, 1,000 annotations follow, every untouched one with its text',
    (id) => {
      const older = RevisionText.of(textOf(id));
      const at = Math.floor(older.length / 2);
      const newer = `${older.slice(0, at)}（更正：此处有误）${older.slice(at + 3, older.length)}`;
      const annotations = annotationsOf(older, 1000);
      const started = performance.now();
      const reanchoring = new Reanchoring(older, newer);
      const results = annotations.map((annotation) => reanchoring.reanchor(annotation));
      const elapsed = performance.now() - started;
      results.forEach((result, index) => {
        const { start, end, exact } = annotations[index]!;
        const untouched = end <= at || start >= at + 3;
        if (untouched) expect(result.method !== 'orphaned' && result.anchor.exact).toBe(exact);
      });
      // The benchmark holds the 50 ms budget on a quiet machine; this only catches a collapse.
      expect(elapsed).toBeLessThan(500);
    },
  );

  it('converts 1,000 anchors to UTF-16 offsets in a text with astral names', () => {
    const text = RevisionText.of(textOf('003').replace(/山西/g, '山𠀾西'));
    const annotations = annotationsOf(text, 1000);
    for (const annotation of annotations) {
      const { utf16Start, utf16End } = utf16Range(text, annotation);
      expect(text.text.slice(utf16Start, utf16End)).toBe(annotation.exact);
    }
  });
});
