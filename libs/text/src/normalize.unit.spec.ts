import { normalizeLineEndings, normalizeText } from './normalize';

describe('line endings', () => {
  it('become LF from CRLF and from a lone CR, wherever they are', () => {
    expect(normalizeLineEndings('\r\r\n甲\r\n\r乙\n\r')).toBe('\n\n甲\n\n乙\n\n');
  });

  it('leave every other code unit as it is, lone surrogates included', () => {
    expect(normalizeLineEndings('a\ud800\r\n😀\udc00\r')).toBe('a\ud800\n😀\udc00\n');
    expect(normalizeLineEndings('no carriage return 😀')).toBe('no carriage return 😀');
  });

  it('come before NFC in normalizeText', () => {
    expect(normalizeText('e\u0301\r\n')).toBe('é\n');
  });
});
