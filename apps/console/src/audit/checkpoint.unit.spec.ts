import { describe, expect, it, jest } from '@jest/globals';
import { decodeBase64, encodeBase64, parseVerifierKey, verifyCheckpoint } from './checkpoint';

/**
 * The server's signing code, loaded at run time only: the console is type-checked for the
 * browser, where the server's node:crypto types do not exist. Its notes are what the console
 * must verify.
 */
interface ServerLog {
  generateSigner(
    name: string,
    seed: Uint8Array,
  ): { signer: unknown; verifierKey: string; signerKey: string };
  signNote(text: string, signers: unknown[]): string;
  formatCheckpoint(checkpoint: { origin: string; treeSize: number; rootHash: Uint8Array }): string;
}
const server = jest.requireActual<ServerLog>('../../../../libs/verifiable-log/src');

const ORIGIN = 'news.example/marginalia';

function seed(fill: number): Uint8Array {
  return new Uint8Array(32).fill(fill);
}

function signedCheckpoint(treeSize = 42, signerSeed = seed(7)) {
  const { signer, verifierKey } = server.generateSigner(ORIGIN, signerSeed);
  const rootHash = new Uint8Array(32).map((_, i) => i * 3);
  const note = server.signNote(server.formatCheckpoint({ origin: ORIGIN, treeSize, rootHash }), [
    signer,
  ]);
  return { note, verifierKey, rootHash: encodeBase64(rootHash) };
}

describe('verifying the log’s checkpoint in the browser', () => {
  it('verifies a checkpoint the server signed, with the server’s verifier key', async () => {
    const { note, verifierKey, rootHash } = signedCheckpoint();
    const result = await verifyCheckpoint(note, verifierKey);
    expect(result).toMatchObject({
      status: 'verified',
      checkpoint: { origin: ORIGIN, treeSize: 42, rootHash },
      key: { name: ORIGIN },
    });
  });

  it('refuses a note whose text was changed after signing, still showing what it claims', async () => {
    const { note, verifierKey } = signedCheckpoint(42);
    const tampered = note.replace('\n42\n', '\n43\n');
    expect(tampered).not.toBe(note);
    expect(await verifyCheckpoint(tampered, verifierKey)).toMatchObject({
      status: 'failed',
      reason: 'bad_signature',
      checkpoint: { treeSize: 43 },
    });
  });

  it('refuses a signature whose bytes were changed', async () => {
    const { note, verifierKey } = signedCheckpoint();
    const [text, line] = [
      note.slice(0, note.lastIndexOf('— ')),
      note.slice(note.lastIndexOf('— ')),
    ];
    const base64 = line.trim().split(' ')[2]!;
    const bytes = decodeBase64(base64)!;
    bytes[10] = bytes[10]! ^ 1;
    const forged = `${text}— ${ORIGIN} ${encodeBase64(bytes)}\n`;
    expect(await verifyCheckpoint(forged, verifierKey)).toMatchObject({
      status: 'failed',
      reason: 'bad_signature',
    });
  });

  it('refuses a checkpoint against a pinned key that did not sign it, naming who did', async () => {
    const { note } = signedCheckpoint();
    const other = server.generateSigner(ORIGIN, seed(9)).verifierKey;
    const result = await verifyCheckpoint(note, other);
    expect(result).toMatchObject({ status: 'failed', reason: 'no_signature_by_key' });
    expect(result.status === 'failed' && result.signedBy?.[0]).toMatch(
      /^news\.example\/marginalia\+[0-9a-f]{8}$/,
    );
  });

  it('refuses a key text whose key id does not match its name and key', async () => {
    const { note, verifierKey } = signedCheckpoint();
    const [name, , key] = verifierKey.split('+');
    const wrongId = `${name}+00000000+${key}`;
    await expect(parseVerifierKey(wrongId)).rejects.toMatchObject({ reason: 'key_id_mismatch' });
    expect(await verifyCheckpoint(note, wrongId)).toMatchObject({
      status: 'failed',
      reason: 'key_id_mismatch',
    });
    expect(await verifyCheckpoint(note, 'not a key')).toMatchObject({ reason: 'malformed_key' });
  });

  it('says honestly when the browser has no Ed25519, still showing the unverified checkpoint', async () => {
    const { note, verifierKey } = signedCheckpoint(7);
    const real = globalThis.crypto.subtle;
    const withoutEd25519 = {
      digest: real.digest.bind(real),
      importKey: () => Promise.reject(new DOMException('Ed25519', 'NotSupportedError')),
    } as unknown as SubtleCrypto;
    expect(await verifyCheckpoint(note, verifierKey, withoutEd25519)).toMatchObject({
      status: 'unsupported',
      checkpoint: { treeSize: 7 },
    });
  });

  it('reads the published Go vector key and refuses malformed notes', async () => {
    const peter = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
    expect(await parseVerifierKey(peter)).toMatchObject({
      name: 'PeterNeumann',
      keyId: 0xc74f20a3,
    });
    const { verifierKey } = signedCheckpoint();
    for (const broken of ['', 'no blank line\n', `${ORIGIN}\n1\nAAAA\n\n- ${ORIGIN} AAAA\n`]) {
      expect(await verifyCheckpoint(broken, verifierKey)).toMatchObject({
        status: 'failed',
        reason: 'malformed_note',
      });
    }
  });
});
