import { describe, expect, it } from '@jest/globals';
import { base64url, codeChallenge, randomToken } from './pkce';

describe('PKCE for the console’s single sign-on', () => {
  it('derives the S256 challenge of RFC 7636 Appendix B from its verifier', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('writes base64url without padding, with - and _ for + and /', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect(base64url(new Uint8Array([0x61]))).toBe('YQ');
    expect(base64url(new Uint8Array([]))).toBe('');
  });

  it('makes verifiers of 43 unreserved characters, a new one each time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => randomToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
