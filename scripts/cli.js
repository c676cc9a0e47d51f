/*
 * `npm run cli -- <command>`: runs the built CLI, building it first only when its sources
 * changed since the last successful build, so a warm call costs no compilation (a build takes
 * 5 to 15 s). The sources' fingerprint (the newest modification time and the number of files
 * and folders) is written after each build; a folder's time changes when a file is added,
 * removed or renamed in it.
 *
 * Build output goes to stderr, so `$(npm run -s cli -- mint-token …)` captures the token only.
 * Usage: node scripts/cli.js <command> [args…]
 */
const { spawnSync } = require('node:child_process');
const {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');
// Beside the output, not in it: `nest build cli` (also run by npm start) empties the output
// folder first, and its build of unchanged sources is as good as this one's.
const stamp = join(root, 'dist', '.cli-sources-fingerprint');
const SOURCES = [
  'apps/cli',
  'libs',
  'tsconfig.json',
  'nest-cli.json',
  'package-lock.json',
  'scripts/cli.js',
];

/** The newest modification time and the count of the sources' files and folders. */
function fingerprint() {
  let newest = 0;
  let count = 0;
  const visit = (path) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return; // removed meanwhile, or an optional file
    }
    count += 1;
    newest = Math.max(newest, stats.mtimeMs);
    if (!stats.isDirectory()) return;
    for (const name of readdirSync(path)) {
      // Tests are no part of the build (apps/cli/tsconfig.app.json).
      if (name !== 'node_modules' && !name.endsWith('.spec.ts')) visit(join(path, name));
    }
  };
  SOURCES.forEach((source) => visit(join(root, source)));
  return { newest, text: `${newest} ${count}` };
}

/** Whether the built CLI is the build of the sources as they are now. */
function built(sources) {
  if (!existsSync(entry)) return false;
  let recorded;
  try {
    recorded = readFileSync(stamp, 'utf8');
  } catch {
    // No fingerprint yet, as after npm start on a fresh clone (its build writes none): an
    // output newer than every source is theirs.
    if (statSync(entry).mtimeMs <= sources.newest) return false;
    writeFileSync(stamp, sources.text);
    return true;
  }
  return recorded === sources.text;
}

/** Builds the CLI (`nest build cli`); its output goes to stderr. */
function build(sources) {
  const nest = require.resolve('@nestjs/cli/bin/nest.js', { paths: [root] });
  const result = spawnSync(process.execPath, [nest, 'build', 'cli'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) {
    const failure = new Error(
      `npm run cli: nest build cli failed (exit ${result.status ?? result.signal}).`,
    );
    failure.exitStatus = result.status || 1;
    throw failure;
  }
  // The fingerprint taken before the build: a source changed during it makes the next call build.
  writeFileSync(stamp, sources.text);
}

/*
 * One build at a time: `nest build cli` empties its output folder first, so a second build (two
 * commands started together on changed sources, parallel test files) would delete what the
 * first is writing or running. The lock is a folder (mkdir is atomic) holding the builder's pid;
 * a lock whose builder is gone is taken over. A waiter looks again once the lock is released:
 * the build it waited for is usually the one it needed.
 */
const lock = join(root, 'dist', '.cli-build.lock');

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function holderAlive() {
  try {
    process.kill(Number(readFileSync(join(lock, 'pid'), 'utf8')), 0);
    return true;
  } catch (error) {
    // EPERM: alive but another user's. No pid file yet: the holder is writing it.
    if (error.code === 'EPERM') return true;
    if (error.code === 'ENOENT') return statSync(lock, { throwIfNoEntry: false }) !== undefined;
    return false;
  }
}

function withBuildLock(work) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const abandoned = waited >= 1000 && (!holderAlive() || waited >= 600_000);
      if (abandoned) rmSync(lock, { recursive: true, force: true });
      else sleep(200);
    }
  }
  try {
    writeFileSync(join(lock, 'pid'), String(process.pid));
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (!built(fingerprint())) {
  try {
    withBuildLock(() => {
      const sources = fingerprint();
      if (!built(sources)) build(sources);
    });
  } catch (error) {
    console.error(error.message);
    process.exit(error.exitStatus ?? 1);
  }
}

// The built CLI runs in this process: it reads its arguments from process.argv and sets
// process.exitCode, which becomes this process's exit code.
process.argv = [process.argv[0], entry, ...process.argv.slice(2)];
require(entry);
