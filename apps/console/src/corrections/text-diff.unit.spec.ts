/// <reference types="jest" />
import { changeBetween, firstCodePoints, lastCodePoints } from './text-diff';

describe('the change a revision made, as the correction page shows it', () => {
  it('keeps only the changed middle, with context either side', () => {
    const change = changeBetween('規模化利用,推動(dòng)綠色循環', '規模化利用,推動綠色循環', 3);
    expect(change).toEqual({
      before: ',推動',
      removed: '(dòng)',
      added: '',
      after: '綠色循',
      cutBefore: true,
      cutAfter: true,
      start: 8,
    });
  });

  it('names the position of the change in code points of the old text', () => {
    const change = changeBetween('𠀀𠮷 old tail', '𠀀𠮷 new tail');
    expect(change?.start).toBe(3);
    expect(change?.before).toBe('𠀀𠮷 ');
  });

  it('shows a deletion with nothing added, and says nothing changed for equal texts', () => {
    expect(changeBetween('abcXYZdef', 'abcdef')).toMatchObject({
      before: 'abc',
      removed: 'XYZ',
      added: '',
      after: 'def',
    });
    expect(changeBetween('same', 'same')).toBeUndefined();
  });

  it('never cuts a surrogate pair when two characters share their high half', () => {
    // U+20000 and U+20001 differ only in their low surrogate.
    const change = changeBetween('a\u{20000}b', 'a\u{20001}b')!;
    expect(change.removed).toBe('\u{20000}');
    expect(change.added).toBe('\u{20001}');
    expect(change.before).toBe('a');
    expect(change.after).toBe('b');
  });

  it('never shows a combining accent or an emoji modifier apart from its character', () => {
    expect(changeBetween('cafe\u0301!', 'cafe\u0300!')).toMatchObject({
      before: 'caf',
      removed: 'e\u0301',
      added: 'e\u0300',
      after: '!',
    });
    expect(changeBetween('ok 👍🏽 done', 'ok 👍🏿 done')).toMatchObject({
      removed: '👍🏽',
      added: '👍🏿',
    });
  });

  it('counts context in code points and widens it to whole characters', () => {
    expect(lastCodePoints('ab𠮷𠮷', 2)).toBe('𠮷𠮷');
    expect(firstCodePoints('𠮷𠮷ab', 3)).toBe('𠮷𠮷a');
    expect(firstCodePoints('ab👨‍👩‍👧cd', 3)).toBe('ab👨‍👩‍👧');
    expect(lastCodePoints('ab👨‍👩‍👧', 1)).toBe('👨‍👩‍👧');
  });
});
