import { createHash } from 'node:crypto';
import { formatCheckpoint, openCheckpoint, parseCheckpoint } from './checkpoint';
import { signNote } from './note';
import { generateSigner, parseVerifierKey } from './note-keys';

// A tree head signed by the Go checksum database (a tlog-checkpoint whose origin line is
// "go.sum database tree"), verified with the sum.golang.org key that Go ships.
const SUM_GOLANG_ORG = parseVerifierKey(
  'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8',
);
const GO_TREE_HEAD =
  'go.sum database tree\n65209736\n5+uGFjx6xBZG8ip1+wi77v+grwbhhukIrxEUS8PXvRo=\n\n' +
  '\u2014 sum.golang.org Az3grnbssgK7ubgFX36gVETtNv0U23qxyAhAMai2QUfeGa3nB/akvkMdlUErfcZz7l/R3cVtYspg3dxXABkGZZKdsQ8=\n';
// The example body of C2SP tlog-checkpoint.
const C2SP_BODY =
  'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const EMPTY_TREE = createHash('sha256').digest();
const malformed = expect.objectContaining({ code: 'malformed_checkpoint' });

describe('checkpoints', () => {
  it('formats origin, decimal size and base64 root hash, each ending in a newline', () => {
    expect(
      formatCheckpoint({ origin: 'news.example/marginalia', treeSize: 0, rootHash: EMPTY_TREE }),
    ).toBe('news.example/marginalia\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n');
  });

  it('reads the C2SP example and formats it back byte for byte', () => {
    const checkpoint = parseCheckpoint(C2SP_BODY);
    expect(checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(checkpoint.treeSize).toBe(20852163);
    expect(checkpoint.extensions).toBeUndefined();
    expect(formatCheckpoint(checkpoint)).toBe(C2SP_BODY);
  });

  it("opens a tree head signed by Go's checksum database", () => {
    const { checkpoint, note } = openCheckpoint(GO_TREE_HEAD, [SUM_GOLANG_ORG]);
    expect(checkpoint.origin).toBe('go.sum database tree');
    expect(checkpoint.treeSize).toBe(65209736);
    expect(Buffer.from(checkpoint.rootHash).toString('base64')).toBe(
      '5+uGFjx6xBZG8ip1+wi77v+grwbhhukIrxEUS8PXvRo=',
    );
    expect(note.verified.map((s) => s.name)).toEqual(['sum.golang.org']);
  });

  it('refuses that tree head with its size changed', () => {
    expect(() =>
      openCheckpoint(GO_TREE_HEAD.replace('65209736', '65209737'), [SUM_GOLANG_ORG]),
    ).toThrow(expect.objectContaining({ code: 'invalid_note_signature' }));
  });

  it('keeps extension lines, so a signed checkpoint round-trips with them', () => {
    const { signer, verifierKey } = generateSigner('news.example/marginalia', EMPTY_TREE);
    const body = formatCheckpoint({
      origin: 'news.example/marginalia',
      treeSize: 42,
      rootHash: EMPTY_TREE,
      extensions: ['an extension', 'another'],
    });
    expect(body.endsWith('\nan extension\nanother\n')).toBe(true);
    const { checkpoint } = openCheckpoint(signNote(body, [signer]), [
      parseVerifierKey(verifierKey),
    ]);
    expect(checkpoint).toEqual({
      origin: 'news.example/marginalia',
      treeSize: 42,
      rootHash: new Uint8Array(EMPTY_TREE),
      extensions: ['an extension', 'another'],
    });
  });

  it.each([
    ['no final newline', C2SP_BODY.slice(0, -1)],
    ['two lines', 'example.com/log\n0\n'],
    ['an empty origin', `\n${C2SP_BODY.slice(C2SP_BODY.indexOf('\n') + 1)}`],
    ['a size with a leading zero', C2SP_BODY.replace('20852163', '020852163')],
    ['a signed size', C2SP_BODY.replace('20852163', '+20852163')],
    ['a size in hex', C2SP_BODY.replace('20852163', '0x13e2f43')],
    ['a size beyond 2^53 - 1', C2SP_BODY.replace('20852163', '9007199254740992')],
    [
      'a root hash of 31 bytes',
      C2SP_BODY.replace('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'A'.repeat(40) + 'AA=='),
    ],
    ['a root hash not in base64', C2SP_BODY.replace('CsUY', 'Cs_Y')],
    ['a root hash without padding', C2SP_BODY.replace('2I=\n', '2I\n')],
    ['an empty extension line', `${C2SP_BODY}\nmore\n`],
  ])('refuses %s', (_case, text) => {
    expect(() => parseCheckpoint(text)).toThrow(malformed);
  });

  it('accepts the size 0', () => {
    expect(parseCheckpoint(C2SP_BODY.replace('20852163', '0')).treeSize).toBe(0);
  });

  it.each([
    ['an origin with a space', { origin: 'a b' }],
    ['an origin with a plus', { origin: 'a+b' }],
    ['an empty origin', { origin: '' }],
    ['a negative size', { treeSize: -1 }],
    ['a fractional size', { treeSize: 1.5 }],
    ['a root hash of 31 bytes', { rootHash: EMPTY_TREE.subarray(1) }],
    ['an empty extension line', { extensions: [''] }],
    ['an extension line holding a newline', { extensions: ['a\nb'] }],
  ])('refuses to format %s', (_case, change) => {
    const checkpoint = { origin: 'example.com/log', treeSize: 1, rootHash: EMPTY_TREE, ...change };
    expect(() => formatCheckpoint(checkpoint)).toThrow(malformed);
  });
});
