/*
 * `npm run test:e2e:eventstoredb`: the end-to-end suites, the same files as on SQLite, with
 * EVENT_STORE=eventstoredb and each data folder on a fresh EventStoreDB log from the command in
 * EVENTSTORE_LOG_FACTORY (docs/eventstoredb.md). Without that command nothing runs and it says
 * so; with it, the last lines name what was left out on EventStoreDB, and why.
 * Usage: node scripts/test-e2e-eventstoredb.js [jest options…]
 */
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const skips = require('../test/support/eventstoredb-e2e-skips');

if (!process.env.EVENTSTORE_LOG_FACTORY?.trim()) {
  console.log(
    [
      'SKIPPED: the end-to-end suites did not run on EventStoreDB, because EVENTSTORE_LOG_FACTORY',
      'is not set; no server was started, and nothing about EventStoreDB was verified.',
      'Give it a command that starts a fresh, empty node and stops it (docs/eventstoredb.md):',
      'EVENTSTORE_LOG_FACTORY=/path/to/fresh-log npm run test:e2e:eventstoredb',
    ].join('\n'),
  );
  process.exit(0);
}

const jest = require.resolve('jest/bin/jest', { paths: [root] });
const result = spawnSync(
  process.execPath,
  [jest, '-c', 'jest.eventstoredb-e2e.config.js', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, EVENT_STORE: 'eventstoredb' } },
);

const lines = ['', 'Left out on EventStoreDB (test/support/eventstoredb-e2e-skips.js), and why:'];
for (const [file, reason] of Object.entries(skips.files)) lines.push(`  ${file}…: ${reason}`);
const byReason = new Map();
for (const skip of skips.tests)
  byReason.set(skip.reason, [...(byReason.get(skip.reason) ?? []), skip]);
for (const [reason, tests] of byReason) {
  lines.push(`  ${tests.length} test(s): ${reason}`);
  for (const { file, test } of tests) lines.push(`    ${file}… "${test}"`);
}
console.log(lines.join('\n'));
process.exitCode = result.status ?? 1;
