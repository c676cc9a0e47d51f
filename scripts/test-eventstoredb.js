/*
 * `npm run test:eventstoredb`: the event store contract suite, two built API processes on one log
 * and (given EVENTSTORE_NODE_CONTROL) the failover test, against the EventStoreDB server of
 * EVENTSTORE_CONNECTION_STRING. Without one, jest reports the suite as skipped in its summary,
 * which scrolls past unread; this says so, and why, in the last lines.
 * Usage: node scripts/test-eventstoredb.js [jest options…]
 */
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const jest = require.resolve('jest/bin/jest', { paths: [root] });
const result = spawnSync(
  process.execPath,
  [jest, '--testPathPatterns', 'eventstoredb', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);

if (!process.env.EVENTSTORE_CONNECTION_STRING?.trim()) {
  console.log(
    [
      '',
      'SKIPPED: the EventStoreDB contract suite did not run, because EVENTSTORE_CONNECTION_STRING',
      'is not set; nor did the replica processes and failover tests: nothing about EventStoreDB was verified.',
      "Run it against a server: EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npm run test:eventstoredb",
      '(docker compose up eventstoredb starts one; see docs/eventstoredb.md).',
    ].join('\n'),
  );
} else if (!process.env.EVENTSTORE_NODE_CONTROL?.trim()) {
  console.log(
    [
      '',
      'SKIPPED: the failover test did not run: it needs a three-node cluster in',
      'EVENTSTORE_CONNECTION_STRING and EVENTSTORE_NODE_CONTROL, a command taking',
      'stop|kill|start <host:port> (docs/eventstoredb.md, "Verification record").',
    ].join('\n'),
  );
}
process.exitCode = result.status ?? 1;
