import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { makeTempDir } from '../support/temp-dir';

const root = join(__dirname, '..', '..');

/** Runs apps/admin-api/src/main.ts as `npm start` does, configured only by the environment. */
function startServer(env: Record<string, string>): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
} {
  const child = spawn(
    process.execPath,
    ['-r', './scripts/register-ts.js', 'apps/admin-api/src/main.ts'],
    { cwd: root, env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function waitFor(output: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const match = pattern.exec(output());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`No ${String(pattern)} in:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the admin API process', () => {
  it('serves /health on the configured port and shuts down cleanly on SIGTERM', async () => {
    const dir = makeTempDir();
    const server = startServer({ PORT: '0', DATA_DIR: dir.path, SEED_CORPUS: 'false' });
    try {
      const [, port] = await waitFor(server.output, /listening on http:\/\/localhost:(\d+)/);
      const response = await request(`http://127.0.0.1:${port}`).get('/health').expect(200);
      expect(response.body.store).toMatchObject({ kind: 'sqlite', ok: true });

      server.child.kill('SIGTERM');
      // Nest closes the application, then re-raises the signal so the exit reads as SIGTERM.
      expect(await server.exited).toEqual({ code: null, signal: 'SIGTERM' });
      expect(server.output()).toContain('Event log closed');
    } finally {
      server.child.kill('SIGKILL');
      dir.remove();
    }
  });

  it('imports the corpus on its first start only (SEED_CORPUS defaults to true)', async () => {
    const dir = makeTempDir();
    try {
      for (const expected of [
        'Imported 5 corpus articles',
        'The 5 corpus articles are already imported',
      ]) {
        const server = startServer({ PORT: '0', DATA_DIR: dir.path });
        try {
          const [, port] = await waitFor(server.output, /listening on http:\/\/localhost:(\d+)/);
          expect(server.output()).toContain(expected);
          const health = await request(`http://127.0.0.1:${port}`).get('/health').expect(200);
          expect(health.body.store.headPosition).toBe(5);
        } finally {
          server.child.kill('SIGTERM');
          await server.exited;
        }
      }
    } finally {
      dir.remove();
    }
  });

  it('refuses to start with a broken configuration and says every problem', async () => {
    const server = startServer({ PORT: 'eighty', EVENT_STORE: 'oracle' });
    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(server.output()).toContain('PORT must be a whole number');
    expect(server.output()).toContain('EVENT_STORE must be sqlite or eventstoredb');
  });
});
