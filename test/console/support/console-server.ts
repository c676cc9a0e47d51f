import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Actor } from '@marginalia/domain';
import { mintToken } from '@marginalia/platform';
import {
  CHILD_JWT_SECRET,
  type ChildServer,
  startChildServer,
} from '../../reliability/support/child-server';

const root = join(__dirname, '..', '..', '..');

export interface ConsoleServer extends ChildServer {
  dataDir: string;
  /** A token (valid 1 h) for `actor`, as a newsroom would mint it and paste it. */
  token(actor: Actor): Promise<string>;
  /** Stops the server and removes its data folder. */
  close(): Promise<void>;
}

/**
 * The built server as `npm start` runs it (dist/…/main.js, its node flags), on a fresh data
 * folder with the corpus imported, so the console is served from dist/console.
 * CONSOLE_TESTS_SERVER=source runs the server from its sources instead (while developing, so
 * that no `nest build` is needed; the console is still the built one in dist/console).
 */
export async function startConsoleServer(env: Record<string, string> = {}): Promise<ConsoleServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'marginalia-console-'));
  const server = await startChildServer({
    dataDir,
    program: process.env.CONSOLE_TESTS_SERVER === 'source' ? 'source' : 'built',
    startTimeoutMs: 60_000,
    env: {
      SEED_CORPUS: 'true',
      CORPUS_DIR: join(root, 'corpus'),
      CHECKPOINT_INTERVAL_MS: '500',
      ...env,
    },
  });
  return {
    ...server,
    dataDir,
    token: (actor) =>
      mintToken(env.AUTH_JWT_SECRET ?? CHILD_JWT_SECRET, actor, { ttlSeconds: 3600 }),
    async close() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the seeded corpus is in the article list (the seeder runs after listen). */
export async function corpusReady(server: ConsoleServer, count = 5): Promise<void> {
  const token = await server.token({ sub: 'test-reader', roles: ['auditor'] });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(`${server.url}/v1/articles`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { items?: unknown[] };
    if ((body.items?.length ?? 0) >= count) return;
    if (Date.now() > deadline) throw new Error('the corpus was not imported within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
