/**
 * The audit test's own calls to the API, as a newsroom's script would make them: an editor
 * proposes a correction on corpus article 002, another standards editor approves it, and the
 * test waits until the system has published it as a new revision.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_SIGNING_KEY_FILE } from '@marginalia/platform';
import { CORPUS_002 } from '../../../libs/editorial/src/corrections/correction-example';
import {
  formatCheckpoint,
  generateSigner,
  parseSignerKey,
  signNote,
} from '@marginalia/verifiable-log';
import { apiCall } from './api-client';
import { type ConsoleServer } from './console-server';

export { CORPUS_002 };

export interface HistoryItem {
  position: number;
  type: string;
  streamId: string;
}

export function call<T>(
  server: ConsoleServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  return apiCall<T>(server, token, method, path, body);
}

/** Proposes CORPUS_002's correction as an editor, approves it as a standards editor, waits for revision 2. */
export async function publishCorrectionOn002(server: ConsoleServer): Promise<string> {
  const editor = await server.token({ sub: 'editor-li', roles: ['editor'] });
  const standards = await server.token({ sub: 'standards-wang', roles: ['standards_editor'] });
  const proposed = await call<{ id: string }>(
    server,
    editor,
    'POST',
    `/v1/articles/${CORPUS_002.id}/corrections`,
    {
      revision: 1,
      selector: CORPUS_002.selector,
      kind: 'correction',
      replacement: CORPUS_002.replacement,
      notice: CORPUS_002.notice,
    },
  );
  await call(server, standards, 'POST', `/v1/corrections/${proposed.id}/approve`, {});
  const deadline = Date.now() + 20_000;
  for (;;) {
    const article = await call<{ revision: number }>(
      server,
      editor,
      'GET',
      `/v1/articles/${CORPUS_002.id}`,
    );
    const correction = await call<{ status: string }>(
      server,
      editor,
      'GET',
      `/v1/corrections/${proposed.id}`,
    );
    if (article.revision === 2 && correction.status === 'published') return proposed.id;
    if (Date.now() > deadline) throw new Error('the correction was not published within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every event of article 002's history, in log order. */
export async function historyOf002(server: ConsoleServer): Promise<HistoryItem[]> {
  const auditor = await server.token({ sub: 'auditor-zhao', roles: ['auditor'] });
  const page = await call<{ items: HistoryItem[] }>(
    server,
    auditor,
    'GET',
    `/v1/articles/${CORPUS_002.id}/history?limit=500`,
  );
  return page.items;
}

/** Captures `count` claims on two-code-point spans of `articleId`, as editor-li; a history to page through. */
export async function captureClaims(
  server: ConsoleServer,
  articleId: string,
  count: number,
): Promise<void> {
  const editor = await server.token({ sub: 'editor-li', roles: ['editor'] });
  let captured = 0;
  for (let start = 0; captured < count; start += 7) {
    if (start > 5000) throw new Error(`only ${captured} claims could be captured`);
    const response = await fetch(`${server.url}/v1/articles/${articleId}/claims`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${editor}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ selector: { start, end: start + 2 }, statement: `claim ${start}` }),
    });
    // A span that would split a character is refused; the next one will do.
    if (response.status === 201) captured += 1;
    else if (response.status !== 422) throw new Error(`capture: ${response.status}`);
  }
}

/** A well-formed verifier key with the server key's name but another key: what a forger would hold. */
export function anotherVerifierKey(serverKey: string): string {
  const name = serverKey.slice(0, serverKey.indexOf('+'));
  return generateSigner(name, randomBytes(32)).verifierKey;
}

/** The latest checkpoint's tree size, as any role reads it. */
export async function latestTreeSize(server: ConsoleServer): Promise<number> {
  const token = await server.token({ sub: 'auditor-zhao', roles: ['auditor'] });
  const note = await call<string>(server, token, 'GET', '/v1/log/checkpoint');
  return Number(note.split('\n')[1]);
}

/** Waits until the server has issued a checkpoint of more than `size` leaves. */
export async function checkpointBeyond(server: ConsoleServer, size: number): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const latest = await latestTreeSize(server);
    if (latest > size) return latest;
    if (Date.now() > deadline) throw new Error(`no checkpoint beyond ${size} within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A checkpoint of `treeSize` leaves over another history, signed with the log's own key from
 * its data folder: what someone holding the key would show after rewriting the log.
 */
export function rewrittenCheckpoint(server: ConsoleServer, treeSize: number): string {
  const signer = parseSignerKey(
    readFileSync(join(server.dataDir, LOG_SIGNING_KEY_FILE), 'utf8').trim(),
  );
  return signNote(formatCheckpoint({ origin: signer.name, treeSize, rootHash: randomBytes(32) }), [
    signer,
  ]);
}

/** The corpus articles other than 002, in the list's order. */
export async function otherArticles(server: ConsoleServer): Promise<string[]> {
  const token = await server.token({ sub: 'auditor-zhao', roles: ['auditor'] });
  const list = await call<{ items: Array<{ id: string }> }>(server, token, 'GET', '/v1/articles');
  return list.items.map((article) => article.id).filter((id) => id !== CORPUS_002.id);
}
