import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@marginalia/config';
import { resolveSigningSecret } from '@marginalia/platform';
import { TokenVerifier } from '../../apps/admin-api/src/auth/token-verifier';
import { makeTempDir } from '../support/temp-dir';
import {
  buildCli,
  builtCli,
  filesUnder,
  fingerprintFile,
  launcher,
  outDir,
  type Run,
  runCli,
  sha256,
} from './built-cli';

/**
 * Every command of the README's table, run as `npm run cli` runs it: the built output, in a
 * child process, on a real data folder. The tests that run the sources cannot see what the
 * build breaks (an import path it does not rewrite).
 */
describe('the built CLI (npm run cli)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let data: string;
  const cli = (args: string[], dataDir = data, env: Record<string, string> = {}): Run =>
    runCli(args, { dataDir, cwd: dir.path, env });
  const jsonOf = <T>(run: Run): T => JSON.parse(run.stdout) as T;

  beforeAll(() => {
    const build = buildCli();
    if (build.status !== 0) throw new Error(`The CLI did not build:\n${build.stderr}`);
    dir = makeTempDir('marginalia-cli-');
    data = join(dir.path, 'data');
    // The commands below share this data folder, in order: import, then read and copy it.
    const imported = cli(['import-corpus']);
    if (imported.status !== 0) throw new Error(`import-corpus failed:\n${imported.stderr}`);
  }, 180_000);

  afterAll(() => dir?.remove());

  it('holds no import the build left unresolved', () => {
    const scripts = filesUnder(outDir).filter((file) => file.endsWith('.js'));
    expect(scripts).toContain(builtCli);
    const unresolved = scripts.filter((file) =>
      /require\(["']@marginalia\//.test(readFileSync(file, 'utf8')),
    );
    expect(unresolved).toEqual([]);
  });

  it('prints the usage for help, and refuses an unknown command with exit code 2', () => {
    for (const args of [[], ['help'], ['--help']]) {
      const help = cli(args);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('migrate --from <log> --to <log>');
    }
    const unknown = cli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate".');
    expect(unknown.stderr).toContain('Commands:');
  });

  it.each([
    [['mint-token', '--roles', 'editor'], '--sub is required'],
    [['mint-token', '--sub', 'a', '--roles', 'emperor'], 'emperor'],
    [['backup'], 'Usage: npm run cli -- backup <file>'],
    [['restore'], 'Usage: npm run cli -- restore <file> [--force]'],
    [['migrate', '--from', 'sqlite:x.db'], 'migrate needs both --from and --to'],
    [['migrate', '--from', 'x.db', '--to', 'sqlite:y.db'], '--from must be sqlite:<file>'],
  ])('answers %j with its usage and exit code 2', (args, message) => {
    const run = cli(args);
    expect(run.stderr).toContain(message);
    expect(run.status).toBe(2);
  });

  it('reports a configuration problem in words, and sends EventStoreDB users elsewhere', () => {
    const short = cli(['integrity'], data, { AUTH_JWT_SECRET: 'short' });
    expect(short.stderr.trim()).toBe(
      'Invalid configuration:\n- AUTH_JWT_SECRET must be at least 32 bytes long for HS256',
    );
    expect(short.status).toBe(1);
    const esdb = {
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1',
    };
    for (const args of [
      ['backup', 'b.db'],
      ['restore', 'b.db'],
    ]) {
      const run = cli(args, data, esdb);
      expect(run.stderr).toContain('back up and restore the EventStoreDB server with its own');
      expect(run.status).toBe(1);
    }
  });

  it('imports the corpus once', () => {
    const again = cli(['import-corpus']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('0 imported, 5 already imported.');
  });

  it('mints a token that the server accepts, signed with its secret', async () => {
    const minted = cli(['mint-token', '--sub', 'editor-li', '--roles', 'editor', '--ttl', '1h']);
    expect(minted.status).toBe(0);
    const secret = resolveSigningSecret(loadConfig({ DATA_DIR: data }));
    if (secret.source === 'none') throw new Error('no secret');
    const verifier = new TokenVerifier({ hs256Secret: secret.secret });
    const actor = await verifier.verify(`Bearer ${minted.stdout.trim()}`);
    expect(actor).toEqual({ sub: 'editor-li', roles: ['editor'] });

    // Loading neither Nest nor a store client keeps it fast (`$(npm run -s cli -- mint-token …)`).
    const loaded = spawnSync(
      process.execPath,
      [
        '-e',
        `process.argv = [process.argv[0], ${JSON.stringify(builtCli)}, 'mint-token', '--sub', 'a', '--roles', 'editor'];
         require(process.argv[1]);
         process.on('exit', () => console.error('LOADED ' + Object.keys(require.cache).join(' ')));`,
      ],
      { cwd: dir.path, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', DATA_DIR: data } },
    );
    expect(loaded.status).toBe(0);
    const packages = new Set(
      (/^LOADED (.*)$/m.exec(loaded.stderr)?.[1] ?? '')
        .split(' ')
        .map((file) => /node_modules\/((@[^/]+\/)?[^/]+)\//.exec(file)?.[1]),
    );
    expect(packages).toContain('jose');
    expect(
      [...packages].filter((name) => /^(@nestjs|@eventstore|better-sqlite3)/.test(name ?? '')),
    ).toEqual([]);

    const env = { AUTH_JWT_SECRET: 'a-shared-secret-of-at-least-32-bytes!' };
    const shared = cli(['mint-token', '--sub', 'x', '--roles', 'editor'], data, env);
    expect(shared.stderr).toContain('signed with AUTH_JWT_SECRET');
    await expect(verifier.verify(`Bearer ${shared.stdout.trim()}`)).rejects.toThrow();
    const withShared = new TokenVerifier({ hs256Secret: env.AUTH_JWT_SECRET });
    await expect(withShared.verify(`Bearer ${shared.stdout.trim()}`)).resolves.toBeDefined();
  });

  it('checks the integrity of the log and the read models, and rebuilds them', () => {
    const integrity = cli(['integrity']);
    expect(integrity.status).toBe(0);
    expect(jsonOf<{ ok: boolean }>(integrity).ok).toBe(true);
    const rebuild = cli(['rebuild']);
    expect(rebuild.stdout).toMatch(/^Rebuilt the read models from \d+ events/);
    expect(rebuild.status).toBe(0);
  });

  it('backs the log up, and restores the backup, refusing an existing log without --force', () => {
    const backup = join(dir.path, 'backup.db');
    const made = cli(['backup', backup]);
    expect(made.status).toBe(0);
    const summary = jsonOf<{ ok: boolean; events: number; sha256: string }>(made);
    expect(summary).toMatchObject({ ok: true, sha256: sha256(backup) });
    expect(cli(['backup', backup]).status).toBe(1); // never overwrites

    const restored = join(dir.path, 'restored');
    const first = cli(['restore', backup], restored);
    expect(first.status).toBe(0);
    expect(jsonOf<{ events: number }>(first).events).toBe(summary.events);
    const refused = cli(['restore', backup], restored);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('restore --force moves it aside');
    const forced = cli(['restore', backup, '--force'], restored);
    expect(forced.status).toBe(0);
    expect(jsonOf<{ movedAside: string[][] }>(forced).movedAside).toContainEqual([
      join(restored, 'events.db'),
      expect.stringContaining(join(restored, 'events.db.replaced-')),
    ]);
    expect(sha256(backup)).toBe(summary.sha256);
    expect(cli(['rebuild'], restored).status).toBe(0);
    expect(jsonOf<{ ok: boolean }>(cli(['integrity'], restored)).ok).toBe(true);
  });

  it('copies a log with migrate, leaving the source byte for byte as it was', () => {
    const source = join(data, 'events.db');
    const before = sha256(source);
    const copy = cli(['migrate', '--from', `sqlite:${source}`, '--to', 'sqlite:copy.db']);
    expect(copy.stderr).toContain('Copied.');
    expect(copy.status).toBe(0);
    expect(sha256(source)).toBe(before);
    const events = jsonOf<{ events: number }>(copy).events;
    expect(events).toBeGreaterThan(0);
    const target = new Database(join(dir.path, 'copy.db'), { readonly: true });
    expect(target.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: events });
    target.close();
  });

  it('copies from a backup without writing to it or beside it, so it still restores', () => {
    const backups = join(dir.path, 'backups');
    const backup = join(backups, 'before-move.db');
    mkdirSync(backups);
    expect(cli(['backup', backup]).status).toBe(0);
    const before = sha256(backup);
    const copy = cli(['migrate', '--from', `sqlite:${backup}`, '--to', 'sqlite:moved.db']);
    expect(copy.status).toBe(0);
    expect(sha256(backup)).toBe(before);
    expect(readdirSync(backups)).toEqual(['before-move.db']);
    expect(cli(['restore', backup], join(dir.path, 'from-backup')).status).toBe(0);
  });

  it('refuses a source of another schema version without migrating it', () => {
    const old = join(dir.path, 'not-a-log.db');
    const db = new Database(old);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    const before = sha256(old);
    const refused = cli(['migrate', '--from', `sqlite:${old}`, '--to', 'sqlite:never.db']);
    expect(refused.stderr).toContain('it is not an event log (no schema version)');
    expect(refused.status).toBe(1);
    expect(sha256(old)).toBe(before);
    expect(existsSync(join(dir.path, 'never.db'))).toBe(false);
  });

  it('runs without building when nothing changed, and builds when the sources did', () => {
    const launch = () =>
      spawnSync(process.execPath, [launcher, 'mint-token', '--sub', 'a', '--roles', 'editor'], {
        cwd: dir.path,
        encoding: 'utf8',
        timeout: 170_000,
        env: { PATH: process.env.PATH ?? '', DATA_DIR: data },
      });
    // Brought up to date first: in a work tree being edited, the sources may have changed since
    // beforeAll's build, and the launcher is right to build again then.
    expect(launch().status).toBe(0);
    const built = statSync(builtCli).mtimeMs;
    const warm = launch();
    expect(warm.status).toBe(0);
    expect(warm.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/); // the token alone
    expect(statSync(builtCli).mtimeMs).toBe(built);
    const fingerprint = readFileSync(fingerprintFile, 'utf8');

    // Without a fingerprint (npm start's build writes none), an output newer than the sources.
    rmSync(fingerprintFile);
    expect(launch().status).toBe(0);
    expect(statSync(builtCli).mtimeMs).toBe(built);
    expect(readFileSync(fingerprintFile, 'utf8')).toBe(fingerprint);

    writeFileSync(fingerprintFile, 'sources of another day');
    const stale = launch();
    expect(stale.status).toBe(0);
    expect(stale.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/); // build output on stderr
    expect(statSync(builtCli).mtimeMs).toBeGreaterThan(built);
    expect(readFileSync(fingerprintFile, 'utf8')).not.toBe('sources of another day');
  }, 180_000);
});
