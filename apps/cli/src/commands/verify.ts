import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type MarginaliaConfig } from '@marginalia/config';
import { auditSqliteLog, LOG_TREE_FILE, TreeFile } from '@marginalia/event-store';
import {
  dataFolderVerifierKey,
  loadLogSigningKey,
} from '@marginalia/platform/verifiable-log/log-signing-key';
import {
  type CheckpointToAudit,
  type LogAuditOptions,
  type LogAuditReport,
  type NoteVerifier,
  parseCheckpoint,
  parseVerifierKey,
} from '@marginalia/verifiable-log';
import { EVENT_LOG_FILE } from './backup';
import { type KeptCheckpoint, type VerifyReport, VerifyUsageError } from './verify-report';

export { VerifyUsageError } from './verify-report';

/** Origin, size, root and up to 100 signature lines (C2SP signed-note's limit) fit in far less. */
const MAX_CHECKPOINT_BYTES = 64 * 1024;
const FLAGS = ['--checkpoint', '--key', '--url', '--token'] as const;
type Flag = (typeof FLAGS)[number];

/**
 * `npm run cli -- verify` (SPEC §9): exit 0 when the kept checkpoint and the whole log verify,
 * 1 when not, and a VerifyUsageError (exit 2) for what the auditor must fix before anything
 * can be checked. The configuration is read only for the local log: a remote check needs none.
 */
export async function verifyCommand(
  args: string[],
  config: () => MarginaliaConfig,
): Promise<number> {
  const flags = parseFlags(args);
  const kept = readKeptCheckpoint(flags['--checkpoint']);
  const pinned = flags['--key'] === undefined ? undefined : verifierOf(flags['--key'], '--key');
  let report: VerifyReport;
  if (flags['--url'] !== undefined) {
    const { verifyRemote } = await import('./verify-remote');
    report = await verifyRemote({
      url: flags['--url'],
      token: flags['--token']!,
      kept,
      verifier: pinned,
    });
  } else {
    const local = config();
    report = await verifyLocal(local, kept, pinned ?? dataFolderVerifier(local));
  }
  console.log(JSON.stringify(report, null, 2));
  return report.ok ? 0 : 1;
}

function parseFlags(args: string[]): { '--checkpoint': string } & Partial<Record<Flag, string>> {
  const flags: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = splitFlag(args[i]!);
    if (!(FLAGS as readonly string[]).includes(name)) {
      throw new VerifyUsageError(`verify takes no ${JSON.stringify(args[i])}.`);
    }
    const value = inline ?? args[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      throw new VerifyUsageError(`${name} needs a value.`);
    }
    if (flags[name as Flag] !== undefined) throw new VerifyUsageError(`${name} is given twice.`);
    flags[name as Flag] = value;
  }
  const checkpoint = flags['--checkpoint'];
  if (checkpoint === undefined) {
    throw new VerifyUsageError('verify needs --checkpoint <file>, a checkpoint you kept.');
  }
  if ((flags['--url'] === undefined) !== (flags['--token'] === undefined)) {
    throw new VerifyUsageError(
      '--url and --token go together: the feed and the proofs need an auditor or admin token.',
    );
  }
  return { ...flags, '--checkpoint': checkpoint };
}

function splitFlag(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  return arg.startsWith('--') && equals > 0
    ? [arg.slice(0, equals), arg.slice(equals + 1)]
    : [arg, undefined];
}

/**
 * The kept note, checked for form only: whether it is signed by the key is the audit's first
 * finding. Trailing newlines are made one, as a note saved by a shell or jq may have gained
 * one; the signatures cover only the text before the blank line, so nothing signed changes.
 */
export function readKeptCheckpoint(file: string): KeptCheckpoint {
  let note: string;
  try {
    // A checkpoint is a few hundred bytes; anything far larger is not one, and is not read whole.
    const size = statSync(file).size;
    if (size > MAX_CHECKPOINT_BYTES) {
      throw new Error(
        `it holds ${size} bytes; a checkpoint note has at most ${MAX_CHECKPOINT_BYTES}`,
      );
    }
    note = readFileSync(file, 'utf8').replace(/\n*$/, '\n');
  } catch (error) {
    throw new VerifyUsageError(`Cannot read the checkpoint ${file}: ${(error as Error).message}`);
  }
  const split = note.lastIndexOf('\n\n');
  const signatures = split < 0 ? [] : note.slice(split + 2, -1).split('\n');
  try {
    if (signatures.length === 0 || !signatures.every((line) => line.startsWith('\u2014 '))) {
      throw new Error('no signature lines after a blank line');
    }
    const { treeSize, rootHash } = parseCheckpoint(note.slice(0, split + 1));
    return { note, treeSize, rootHash };
  } catch (error) {
    throw new VerifyUsageError(
      `${file} is not a signed checkpoint (origin, tree size and root hash lines, a blank ` +
        `line, then "— <key name> <signature>" lines): ${(error as Error).message}`,
    );
  }
}

export function verifierOf(text: string, from: string): NoteVerifier {
  try {
    return parseVerifierKey(text.trim());
  } catch (error) {
    throw new VerifyUsageError(
      `${from} is not a signed-note verifier key (<name>+<hex key id>+<base64 key>): ${(error as Error).message}`,
    );
  }
}

/** The server's key as the data folder (or LOG_SIGNING_KEY_FILE) holds it; never created. */
function dataFolderVerifier(config: MarginaliaConfig): NoteVerifier {
  let key: string | undefined;
  if (config.log.signingKeyFile !== undefined) {
    try {
      key = loadLogSigningKey(config).signer.verifierKey;
    } catch (error) {
      throw new VerifyUsageError(`${(error as Error).message}; or pass --key.`);
    }
  } else {
    key = dataFolderVerifierKey(config.dataDir);
  }
  if (key === undefined) {
    throw new VerifyUsageError(
      `${config.dataDir} holds no log signing key to verify with: pass --key <verifier key>.`,
    );
  }
  return verifierOf(key, 'The data folder’s key');
}

/**
 * Audits the log of the data folder, read-only: the kept checkpoint and every one issued into
 * the tree file (none when the server never ran the verifiable log), against the tree rebuilt
 * from the events; the tree file's leaves, when there, name the first event changed since.
 */
async function verifyLocal(
  config: MarginaliaConfig,
  kept: KeptCheckpoint,
  verifier: NoteVerifier,
): Promise<LogAuditReport> {
  const treeFile = existsSync(join(config.dataDir, LOG_TREE_FILE))
    ? new TreeFile(join(config.dataDir, LOG_TREE_FILE), { readonly: true })
    : undefined;
  try {
    const checkpoints: CheckpointToAudit[] = [
      { note: kept.note, source: 'kept' },
      ...(treeFile?.allCheckpoints() ?? []).map(({ note }) => ({
        note,
        source: 'issued' as const,
      })),
    ];
    const options = { verifiers: [verifier], checkpoints, treeFile };
    if (config.eventStore === 'eventstoredb') {
      return (await import('./verify-eventstoredb')).auditEventStoreDb(config, options);
    }
    return await auditSqliteFile(join(config.dataDir, EVENT_LOG_FILE), options);
  } finally {
    treeFile?.close();
  }
}

/** The SQLite log from its stored bytes, read-only, hashed in worker threads. */
async function auditSqliteFile(
  file: string,
  options: Omit<LogAuditOptions, 'densePositions'> & { treeFile?: TreeFile },
): Promise<LogAuditReport> {
  if (!existsSync(file)) {
    throw new VerifyUsageError(`${file} does not exist: set DATA_DIR to the log's data folder.`);
  }
  return auditSqliteLog(file, { ...options, densePositions: true });
}
