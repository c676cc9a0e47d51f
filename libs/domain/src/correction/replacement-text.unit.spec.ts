import { replacementText } from './replacement-text';

describe('the text a correction puts in place of its span', () => {
  it('given CRLF or CR line endings, then they become LF as in article text', () => {
    expect(replacementText('推動\r\n高质量\r发展')).toBe('推動\n高质量\n发展');
  });

  it('given no replacement (a note, or an amendment leaving it), then there is nothing to check', () => {
    expect(replacementText(null)).toBeNull();
    expect(replacementText(undefined)).toBeUndefined();
  });

  it.each([
    ['a lone surrogate', '推\ud800動', 'contains a lone surrogate'],
    ['text not in NFC', 'cafe\u0301', 'is not in Unicode NFC'],
  ])('given %s, then it is invalid_unicode on the replacement field', (_, replacement, why) => {
    expect(() => replacementText(replacement)).toThrow(
      expect.objectContaining({
        code: 'invalid_unicode',
        field: 'replacement',
        message: `replacement ${why}`,
      }),
    );
  });
});
