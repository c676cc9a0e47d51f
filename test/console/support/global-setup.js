/** Builds what `npm start` serves, once, before the browser tests drive it. */
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function buildOnce() {
  if (process.env.CONSOLE_TESTS_SKIP_BUILD === '1') return;
  const started = Date.now();
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: join(__dirname, '..', '..', '..'),
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (build.status !== 0) {
    throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`.slice(-6000));
  }
  process.stdout.write(`\nbuilt the server, CLI and console in ${Date.now() - started} ms\n`);
};
