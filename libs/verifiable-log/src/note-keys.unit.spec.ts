import { createHash } from 'node:crypto';
import {
  formatSignerKey,
  formatVerifierKey,
  generateSigner,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
} from './note-keys';

// The published vectors of Go's golang.org/x/mod/sumdb/note (note_test.go, package docs).
const PETER_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SIGNER =
  'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VERIFIER = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const malformedKey = expect.objectContaining({ code: 'malformed_note_key' });

const peterPublicKey = Buffer.from(PETER_VERIFIER.split('+')[2]!, 'base64').subarray(1);
const peterSeed = Buffer.from(PETER_SIGNER.split('+').slice(4).join('+'), 'base64').subarray(1);

/** Every strict substring and every one-character bump of a key text, as Go's tests try. */
function manglings(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= text.length; i++) {
    for (let j = i + 1; j <= text.length; j++)
      if (i !== 0 || j !== text.length) out.push(text.slice(i, j));
  }
  for (let i = 0; i < text.length; i++) {
    out.push(text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) + 1) + text.slice(i + 1));
  }
  return out;
}

function refusals(parse: (text: string) => unknown, texts: string[]): string[] {
  return texts.filter((text) => {
    try {
      parse(text);
      return true;
    } catch (error) {
      expect(error).toEqual(malformedKey);
      return false;
    }
  });
}

describe('signed-note keys', () => {
  it('reads the published verifier key with its name and key ID', () => {
    const verifier = parseVerifierKey(PETER_VERIFIER);
    expect(verifier.name).toBe('PeterNeumann');
    expect(verifier.keyId).toBe(0xc74f20a3);
    expect(verifier.verifierKey).toBe(PETER_VERIFIER);
  });

  it('computes the key ID as SHA-256(name || "\\n" || 0x01 || public key)[:4]', () => {
    expect(noteKeyId('PeterNeumann', peterPublicKey)).toBe(0xc74f20a3);
    const digest = createHash('sha256')
      .update('EnochRoot\n')
      .update(Buffer.from(ENOCH_VERIFIER.split('+')[2]!, 'base64'))
      .digest();
    expect(parseVerifierKey(ENOCH_VERIFIER).keyId).toBe(digest.readUInt32BE(0));
  });

  it('derives the published verifier key from the published private key', () => {
    const signer = parseSignerKey(PETER_SIGNER);
    expect(signer.name).toBe('PeterNeumann');
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(signer.verifierKey).toBe(PETER_VERIFIER);
  });

  it('formats both key texts exactly as published', () => {
    expect(formatVerifierKey('PeterNeumann', peterPublicKey)).toBe(PETER_VERIFIER);
    expect(formatSignerKey('PeterNeumann', peterSeed)).toBe(PETER_SIGNER);
  });

  it('generates a signer from a seed the caller supplies, and its keys read back', () => {
    const seed = createHash('sha256').update('a test seed').digest();
    const { signer, signerKey, verifierKey } = generateSigner('example.com/marginalia', seed);
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+example\.com\/marginalia\+[0-9a-f]{8}\+/);
    expect(parseSignerKey(signerKey).verifierKey).toBe(verifierKey);
    const verifier = parseVerifierKey(verifierKey);
    const text = Buffer.from('hi\n');
    const signature = signer.sign(text);
    expect(verifier.verify(text, signature)).toBe(true);
    signature[0]! ^= 1;
    expect(verifier.verify(text, signature)).toBe(false);
  });

  it('refuses every truncation and every one-character change of the verifier key', () => {
    expect(refusals(parseVerifierKey, manglings(PETER_VERIFIER))).toEqual([]);
  });

  it('refuses every truncation and every one-character change of the private key', () => {
    expect(refusals(parseSignerKey, manglings(PETER_SIGNER))).toEqual([]);
  });

  it.each([
    [
      'a key of the wrong length, with its key ID adjusted',
      'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
    ],
    [
      'an unknown signature type, with its key ID adjusted',
      'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    ],
    ['a name with a space', 'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['an empty name', '+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['a short key ID', 'PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    [
      'base64 without its padding',
      'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T',
    ],
    [
      'base64 with a stray character',
      'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy1*TW',
    ],
  ])('refuses %s', (_case, text) => {
    expect(() => parseVerifierKey(text)).toThrow(malformedKey);
  });

  it('refuses the verifier key where a private key is expected, and a wrong key ID', () => {
    expect(() => parseSignerKey(PETER_VERIFIER)).toThrow(malformedKey);
    expect(() => parseSignerKey(PETER_SIGNER.replace('c74f20a3', 'c74f20a4'))).toThrow(
      malformedKey,
    );
  });

  it('refuses to format keys under a bad name or of a wrong size', () => {
    expect(() => formatVerifierKey('a+b', peterPublicKey)).toThrow(malformedKey);
    expect(() => formatVerifierKey('a\u00a0b', peterPublicKey)).toThrow(malformedKey);
    expect(() => formatVerifierKey('a\ud800', peterPublicKey)).toThrow(malformedKey);
    expect(() => formatVerifierKey('PeterNeumann', peterPublicKey.subarray(1))).toThrow(
      malformedKey,
    );
    expect(() => generateSigner('PeterNeumann', new Uint8Array(31))).toThrow(malformedKey);
  });
});
