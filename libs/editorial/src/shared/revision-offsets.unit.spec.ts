import fc from 'fast-check';
import { RevisionText } from '@marginalia/anchoring';
import { RevisionOffsets, Utf16Offsets } from './revision-offsets';

/** Text with what tells UTF-16 from code points: astral characters, and lone surrogates. */
const pieces = fc.constantFrom(
  'a',
  '煤',
  '𠀾',
  '👷',
  '👩🏽‍💻',
  '\ud83d',
  '\udc77',
  '\udc77\ud83d',
  ' ',
);
const texts = fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(''));

describe('Utf16Offsets', () => {
  it('gives the UTF-16 offset RevisionText gives, at every code point offset', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const expected = RevisionText.of(text);
        const offsets = Utf16Offsets.of(text);
        for (let offset = 0; offset <= expected.length; offset += 1) {
          expect(offsets.utf16Offset(offset)).toBe(expected.utf16Offset(offset));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('counts the astral characters before an offset in a long text', () => {
    const text = `${'煤'.repeat(1000)}𠀾${'a'.repeat(1000)}👷b`;
    const offsets = Utf16Offsets.of(text);
    expect(offsets.utf16Offset(1000)).toBe(1000);
    expect(offsets.utf16Offset(1001)).toBe(1002);
    expect(offsets.utf16Offset(2002)).toBe(2004);
    expect(text.slice(offsets.utf16Offset(2001), offsets.utf16Offset(2002))).toBe('👷');
  });
});

describe('RevisionOffsets', () => {
  /** Revision texts by `articleId#revision`, and how often each was read. */
  function revisions(texts: Record<string, string>) {
    const reads: string[] = [];
    const read = (articleId: string, revision: number) => {
      const key = `${articleId}#${revision}`;
      reads.push(key);
      const text = texts[key];
      return text === undefined
        ? Promise.reject(new Error(`Article ${articleId} has no revision ${revision}`))
        : Promise.resolve(text);
    };
    return { reads, read };
  }

  it('reads each revision’s text once while it is remembered', async () => {
    const { reads, read } = revisions({ 'a#1': 'x👷y', 'a#2': '👷👷y', 'b#1': 'plain' });
    const offsets = new RevisionOffsets(read);
    for (let round = 0; round < 3; round += 1) {
      expect((await offsets.of('a', 1)).utf16Offset(2)).toBe(3);
      expect((await offsets.of('a', 2)).utf16Offset(2)).toBe(4);
      expect((await offsets.of('b', 1)).utf16Offset(5)).toBe(5);
    }
    expect(reads).toEqual(['a#1', 'a#2', 'b#1']);
    expect(offsets.remembered).toBe(3);
  });

  it('remembers at most its limit, forgetting the least recently used first', async () => {
    const { reads, read } = revisions({ 'a#1': 'a', 'b#1': 'b', 'c#1': 'c' });
    const offsets = new RevisionOffsets(read, 2);
    await offsets.of('a', 1);
    await offsets.of('b', 1);
    await offsets.of('a', 1); // a is now the most recently used
    await offsets.of('c', 1); // b is forgotten
    expect(offsets.remembered).toBe(2);
    await offsets.of('a', 1);
    await offsets.of('b', 1);
    expect(reads).toEqual(['a#1', 'b#1', 'c#1', 'b#1']);
  });

  it('remembers nothing of a revision whose text cannot be read', async () => {
    const { reads, read } = revisions({});
    const offsets = new RevisionOffsets(read);
    await expect(offsets.of('a', 9)).rejects.toThrow('no revision 9');
    await expect(offsets.of('a', 9)).rejects.toThrow('no revision 9');
    expect(reads).toEqual(['a#9', 'a#9']);
    expect(offsets.remembered).toBe(0);
  });
});
