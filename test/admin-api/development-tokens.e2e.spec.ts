import { execFile, spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { startAdminApi } from '../support/admin-api';
import { makeTempDir } from '../support/temp-dir';
import { importOf000 } from './support/article-requests';

const root = join(__dirname, '..', '..');
const run = promisify(execFile);

/** Starts apps/admin-api/src/main.ts as `npm start` does; resolves with its port and output. */
async function startServer(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['-r', './scripts/register-ts.js', 'apps/admin-api/src/main.ts'],
    {
      cwd: root,
      env: { PATH: process.env.PATH, NO_COLOR: '1', PORT: '0', SEED_CORPUS: 'false', ...env },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 20_000;
  while (!/Try: curl/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`No tokens in:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const port = /listening on http:\/\/localhost:(\d+)/.exec(output)![1]!;
  return {
    url: `http://127.0.0.1:${port}`,
    output,
    token: (role: string) => new RegExp(`\\] ${role} +(\\S+)$`, 'm').exec(output)![1]!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `npm run cli -- mint-token …`, run from the TypeScript sources. */
function mintToken(args: string[], env: Record<string, string>) {
  return run(
    process.execPath,
    ['-r', './scripts/register-ts.js', 'apps/cli/src/main.ts', 'mint-token', ...args],
    { cwd: root, env: { PATH: process.env.PATH, ...env } },
  );
}

describe('the development default (no AUTH_JWT_SECRET)', () => {
  it('makes a secret in the data folder, prints a working token per role, and keeps it across restarts', async () => {
    const dir = makeTempDir('marginalia-dev-');
    try {
      const first = await startServer({ DATA_DIR: dir.path });
      const file = join(dir.path, 'jwt-secret');
      let editor: string;
      try {
        expect(first.output).toContain(`development secret ${file} (created)`);
        expect(statSync(file).mode & 0o777).toBe(0o600);
        for (const role of ['editor', 'fact_checker', 'standards_editor', 'auditor', 'admin']) {
          expect(first.token(role)).toMatch(/^eyJ/);
        }
        editor = first.token('editor');
        expect(first.output).toMatch(
          /Try: curl -s -H "Authorization: Bearer eyJ\S+" http:\/\/localhost:\d+\/v1\/articles\//,
        );
        const created = await request(first.url)
          .post('/v1/articles')
          .set('Authorization', `Bearer ${editor}`)
          .send(importOf000('dev'))
          .expect(201);
        await request(first.url)
          .post('/v1/articles')
          .set('Authorization', `Bearer ${first.token('auditor')}`)
          .send(importOf000('dev-auditor'))
          .expect(403);
        await request(first.url)
          .get(`/v1/articles/${created.body.id}`)
          .set('Authorization', `Bearer ${first.token('auditor')}`)
          .expect(200);
      } finally {
        await first.stop();
      }
      const secret = readFileSync(file, 'utf8');

      const second = await startServer({ DATA_DIR: dir.path });
      try {
        expect(second.output).toContain(`development secret ${file} (kept)`);
        expect(readFileSync(file, 'utf8')).toBe(secret);
        // A token printed by the first start still works after the restart.
        await request(second.url)
          .post('/v1/articles')
          .set('Authorization', `Bearer ${editor}`)
          .send(importOf000('dev-again'))
          .expect(201);
      } finally {
        await second.stop();
      }
    } finally {
      dir.remove();
    }
  });
});

describe('npm run cli -- mint-token', () => {
  it('mints a token with the data folder’s secret that the server accepts, roles and name included', async () => {
    const dir = makeTempDir('marginalia-mint-');
    try {
      const { stdout, stderr } = await mintToken(
        ['--sub', 'editor-li', '--roles', 'editor,fact_checker', '--name', '李编辑', '--ttl', '2h'],
        { DATA_DIR: dir.path },
      );
      const token = stdout.trim();
      expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(stderr).toContain(join(dir.path, 'jwt-secret'));
      const api = await startAdminApi({ DATA_DIR: dir.path });
      try {
        const created = await request(api.url)
          .post('/v1/articles')
          .set('Authorization', `Bearer ${token}`)
          .send(importOf000('minted'))
          .expect(201);
        const [event] = await api.app
          .get<EventStore>(EVENT_STORE)
          .readStream(`article-${created.body.id}`);
        expect(event!.metadata.actor).toEqual({
          sub: 'editor-li',
          name: '李编辑',
          roles: ['editor', 'fact_checker'],
        });
      } finally {
        await api.stop();
      }
    } finally {
      dir.remove();
    }
  });

  it('signs with AUTH_JWT_SECRET when it is set', async () => {
    const secret = 'the-newsroom-secret-of-32-bytes-or-more';
    const { stdout } = await mintToken(['--sub', 'auditor-chen', '--roles', 'auditor'], {
      AUTH_JWT_SECRET: secret,
      DATA_DIR: '/nonexistent/never-used',
    });
    const api = await startAdminApi({ AUTH_JWT_SECRET: secret });
    try {
      await request(api.url)
        .get('/v1/articles/0190f5c2-0000-7000-8000-000000000000')
        .set('Authorization', `Bearer ${stdout.trim()}`)
        .expect(404);
    } finally {
      await api.stop();
    }
  });

  it.each([
    [['--sub', 'li', '--roles', 'editor,publisher'], /unknown: publisher/],
    [['--sub', 'system', '--roles', 'editor'], /reserved/],
    [['--roles', 'editor'], /--sub is required/],
    [['--sub', 'li', '--roles', 'editor', '--ttl', 'forever'], /--ttl/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const dir = makeTempDir('marginalia-mint-');
    try {
      await expect(mintToken(args, { DATA_DIR: dir.path })).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringMatching(message),
      });
    } finally {
      dir.remove();
    }
  });
});
