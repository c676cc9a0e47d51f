import { createHash } from 'node:crypto';
import { signNote, openNote } from './note';
import { generateSigner, parseSignerKey, parseVerifierKey } from './note-keys';

// The published vectors of Go's golang.org/x/mod/sumdb/note (note_test.go, package docs).
const PETER_SIGNER =
  'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const peter = parseVerifierKey(
  'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
);
const enoch = parseVerifierKey('EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop');
const TEXT =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n";
const PETER_SIG =
  '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const peterSignature = {
  name: 'PeterNeumann',
  keyId: 0xc74f20a3,
  base64: PETER_SIG.slice(15, -1),
};
const enochSignature = { name: 'EnochRoot', keyId: 0xaf0cfe78, base64: ENOCH_SIG.slice(12, -1) };
const malformed = expect.objectContaining({ code: 'malformed_note' });
const badSignature = expect.objectContaining({ code: 'invalid_note_signature' });
const ambiguous = expect.objectContaining({ code: 'ambiguous_note_key' });

describe('signed notes', () => {
  it('signs the published text into the published note', () => {
    expect(signNote(TEXT, [parseSignerKey(PETER_SIGNER)])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('opens the published note with the published key', () => {
    expect(openNote(`${TEXT}\n${PETER_SIG}`, [peter])).toEqual({
      text: TEXT,
      verified: [peterSignature],
      unknown: [],
    });
  });

  it('opens a note signed by two keys when one is unknown, and reports it unknown', () => {
    expect(openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter])).toEqual({
      text: TEXT,
      verified: [peterSignature],
      unknown: [enochSignature],
    });
    expect(openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [enoch, peter]).verified).toEqual([
      peterSignature,
      enochSignature,
    ]);
  });

  it('refuses a note with no signature from a known key, naming the keys it saw', () => {
    expect(() => openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [])).toThrow(
      expect.objectContaining({
        code: 'unverified_note',
        unknownSignatures: [peterSignature, enochSignature],
      }),
    );
  });

  it('ignores a signature that shares only the name or only the key ID of a known key', () => {
    const sameName = PETER_SIG.replace('x08go', 'AAAAA');
    const sameId = PETER_SIG.replace('PeterNeumann', 'PeterNeuman');
    const opened = openNote(`${TEXT}\n${sameName}${sameId}${PETER_SIG}`, [peter]);
    expect(opened.verified).toEqual([peterSignature]);
    expect(opened.unknown.map((s) => s.name)).toEqual(['PeterNeumann', 'PeterNeuman']);
  });

  it('refuses a tampered text or a tampered signature from a known key', () => {
    const tamperedText = TEXT.replace('problem,', 'problem;');
    expect(() => openNote(`${tamperedText}\n${PETER_SIG}`, [peter])).toThrow(badSignature);
    const tamperedSig = PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60);
    expect(() => openNote(`${TEXT}\n${tamperedSig}`, [peter])).toThrow(badSignature);
    // A bad signature from a known key refuses the note even beside a good one (C2SP SHOULD).
    expect(() => openNote(`${TEXT}\n${tamperedSig}${ENOCH_SIG}`, [peter, enoch])).toThrow(
      badSignature,
    );
  });

  it('counts a repeated signature once', () => {
    const opened = openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}`, [peter]);
    expect(opened.verified).toEqual([peterSignature]);
    expect(opened.unknown).toEqual([enochSignature]);
  });

  it('refuses to attribute a signature to two known keys of the same name and ID', () => {
    expect(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, peter, enoch])).toThrow(ambiguous);
  });

  it('accepts 100 signature lines and refuses 101', () => {
    expect(openNote(`${TEXT}\n${PETER_SIG.repeat(100)}`, [peter]).verified).toHaveLength(1);
    expect(() => openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [peter])).toThrow(malformed);
  });

  it.each([
    ['the text alone', TEXT],
    ['a blank line and no signature', `${TEXT}\n`],
    ['a signature line without its newline', `${TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ['a control character', `\u0001${TEXT}\n${PETER_SIG}`],
    ['a tab', `${TEXT.replace(' ', '\t')}\n${PETER_SIG}`],
    ['a carriage return', `${TEXT.replace('\n', '\r\n')}\n${PETER_SIG}`],
    ['a lone surrogate', `\ud800${TEXT}\n${PETER_SIG}`],
    ['a name with a space', `${TEXT}\n${PETER_SIG.replace('PeterNeumann', 'Bad Name')}`],
    ['a line after the signatures', `${TEXT}\n${PETER_SIG}Unexpected line.\n`],
    ['a hyphen for the em dash', `${TEXT}\n${PETER_SIG.replace('\u2014', '-')}`],
    ['no space after the em dash', `${TEXT}\n${PETER_SIG.replace('\u2014 ', '\u2014')}`],
    ['a signature of four bytes', `${TEXT}\n\u2014 PeterNeumann x08gow==\n`],
    ['a name and no signature', `${TEXT}\n\u2014 PeterNeumann\n`],
    ['base64 without padding', `${TEXT}\n${PETER_SIG.replace('AM=\n', 'AM\n')}`],
    // 'N' decodes as 'M' does, but sets pad bits that RFC 4648 §3.5 lets a decoder refuse.
    ['base64 in a non-canonical spelling', `${TEXT}\n${PETER_SIG.replace('AM=\n', 'AN=\n')}`],
  ])('refuses %s as malformed', (_case, note) => {
    expect(() => openNote(note, [peter])).toThrow(malformed);
  });

  it('reads a note given as bytes, and refuses bytes that are not UTF-8', () => {
    const bytes = Buffer.from(`${TEXT}\n${PETER_SIG}`, 'utf8');
    expect(openNote(bytes, [peter]).text).toBe(TEXT);
    expect(() => openNote(Buffer.concat([Buffer.from([0xff]), bytes]), [peter])).toThrow(malformed);
  });

  it('round-trips a text holding blank lines and a line like a signature', () => {
    const { signer, verifierKey } = generateSigner('example.com/log', seed('round trip'));
    const text = `first\n\n\u2014 not a signature\n\n`;
    const opened = openNote(signNote(text, [signer]), [parseVerifierKey(verifierKey)]);
    expect(opened.text).toBe(text);
  });

  it('signs with several keys, each line verifying on its own', () => {
    const a = generateSigner('a.example/log', seed('a'));
    const b = generateSigner('b.example/log', seed('b'));
    const note = signNote('body\n', [a.signer, b.signer]);
    expect(openNote(note, [parseVerifierKey(b.verifierKey)]).unknown[0]!.name).toBe(
      'a.example/log',
    );
    expect(openNote(note, [parseVerifierKey(a.verifierKey)]).verified[0]!.name).toBe(
      'a.example/log',
    );
  });

  it.each([
    ['a text without its final newline', 'abc'],
    ['an empty text', ''],
    ['a control character', 'a\u0007b\n'],
    ['a lone surrogate', 'a\udc00\n'],
  ])('refuses to sign %s', (_case, text) => {
    expect(() => signNote(text, [parseSignerKey(PETER_SIGNER)])).toThrow(malformed);
  });

  it('refuses to sign with no signer', () => {
    expect(() => signNote(TEXT, [])).toThrow(malformed);
  });
});

function seed(label: string): Uint8Array {
  return createHash('sha256').update(label).digest();
}
