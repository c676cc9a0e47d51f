import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Reads the published vectors of ./vectors (see its README.md) straight out of the copied
 * files, so that no expected value in the interop tests is typed in by hand.
 */

const VECTORS = join(__dirname, 'vectors');
const read = (path: string) => readFileSync(join(VECTORS, path), 'utf8');

function only(pattern: RegExp, text: string, what: string): string {
  const match = pattern.exec(text);
  if (!match?.[1]) throw new Error(`published vector not found: ${what}`);
  return match[1];
}

/** The hd("…") hex literals of one Go function of testonly/constants.go, in order. */
function hexLiteralsOf(source: string, func: string): Buffer[] {
  const start = source.indexOf(`func ${func}()`);
  const body = source.slice(start, source.indexOf('\n}\n', start));
  return [...body.matchAll(/hd\("([0-9a-f]*)"\)/g)].map((m) => Buffer.from(m[1]!, 'hex'));
}

const constants = read('transparency-dev-merkle/testonly/constants.go');

/** The eight classic leaf inputs of Certificate Transparency. */
export const LEAF_INPUTS = hexLiteralsOf(constants, 'LeafInputs');

/** The roots of the trees of 0..8 of those leaves (the empty root is EmptyRootHash()). */
export const ROOT_HASHES = [
  ...hexLiteralsOf(constants, 'EmptyRootHash'),
  ...hexLiteralsOf(constants, 'RootHashes'),
];

/** NodeHashes()[level][index]: every perfect subtree of the eight-leaf tree. */
export const NODE_HASHES: Buffer[][] = (() => {
  const body = constants.slice(constants.indexOf('func NodeHashes()'));
  const levels = body.slice(0, body.indexOf('\n}\n')).split('}, {');
  return levels.map((level) =>
    [...level.matchAll(/hd\("([0-9a-f]*)"\)/g)].map((m) => Buffer.from(m[1]!, 'hex')),
  );
})();

interface Probe {
  /** The file, relative to testdata/, e.g. `inclusion/1/happy-path.json`. */
  file: string;
  desc: string;
  wantErr: boolean;
}

export interface InclusionProbe extends Probe {
  leafIdx: number;
  treeSize: number;
  root: Buffer;
  leafHash: Buffer;
  proof: Buffer[];
}

export interface ConsistencyProbe extends Probe {
  size1: number;
  size2: number;
  root1: Buffer;
  root2: Buffer;
  proof: Buffer[];
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? jsonFiles(join(dir, entry.name))
        : entry.name.endsWith('.json')
          ? [join(dir, entry.name)]
          : [],
    )
    .sort();
}

// Go's encoding/json writes []byte as base64 and a nil slice as null.
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : '', 'base64');
const list = (value: unknown) => (Array.isArray(value) ? value.map(bytes) : []);

function probes<T>(kind: string, shape: (raw: Record<string, unknown>) => T): (T & Probe)[] {
  const root = join(VECTORS, 'transparency-dev-merkle', 'testdata');
  return jsonFiles(join(root, kind)).map((path) => {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const probe: Probe = {
      file: relative(root, path),
      desc: String(raw.desc),
      wantErr: raw.wantErr === true,
    };
    return { ...probe, ...shape(raw) };
  });
}

export const INCLUSION_PROBES: InclusionProbe[] = probes('inclusion', (raw) => ({
  leafIdx: Number(raw.leafIdx),
  treeSize: Number(raw.treeSize),
  root: bytes(raw.root),
  leafHash: bytes(raw.leafHash),
  proof: list(raw.proof),
}));

export const CONSISTENCY_PROBES: ConsistencyProbe[] = probes('consistency', (raw) => ({
  size1: Number(raw.size1),
  size2: Number(raw.size2),
  root1: bytes(raw.root1),
  root2: bytes(raw.root2),
  proof: list(raw.proof),
}));

const goNotes = read('golang-mod/sumdb/note/note_test.go');

/** golang.org/x/mod sumdb/note's keys, note text, signature lines and signed note. */
export const GO_NOTE = {
  peterKey: only(/peterKey := "([^"]+)"/, goNotes, 'peterKey'),
  enochKey: only(/enochKey := "([^"]+)"/, goNotes, 'enochKey'),
  peterPrivateKey: only(/skey := "(PRIVATE\+KEY\+[^"]+)"/, goNotes, 'skey'),
  /** TestOpen's text, a raw string with its final newline. */
  text: only(/\ttext := `([^`]+)`/, goNotes, 'text'),
  peterSig: `${only(/peterSig := "([^"]+)\\n"/, goNotes, 'peterSig')}\n`,
  enochSig: `${only(/enochSig := "([^"]+)\\n"/, goNotes, 'enochSig')}\n`,
  /** TestSign's `want`: the exact note Go's Sign writes for the text and Peter's key. */
  signed: only(/want := `([^`]+)`/, goNotes, 'want'),
};

const signedNoteSpec = read('c2sp/signed-note.md');
const checkpointSpec = read('c2sp/tlog-checkpoint.md');

/** The examples of c2sp.org/signed-note and c2sp.org/tlog-checkpoint. */
export const C2SP = {
  exampleKey: only(/following verifier key\n\n {4}(\S+)\n/, signedNoteSpec, 'verifier key'),
  exampleNote: only(
    /verifies the following signed note\n\n```\n([^`]+)```/,
    signedNoteSpec,
    'note',
  ),
  /** The opening quasimodo note: its text holds blank lines; its key is not published. */
  poemNote: only(/^```\n([^`]+)```/m, signedNoteSpec, 'opening note'),
  /** The example checkpoint; its key is not published either. */
  checkpointNote: only(/^```\n([^`]+)```/m, checkpointSpec, 'checkpoint'),
};
