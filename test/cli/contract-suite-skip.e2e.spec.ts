import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** `npm run test:eventstoredb` without a server must say, last, that it verified nothing. */
describe('npm run test:eventstoredb without EVENTSTORE_CONNECTION_STRING', () => {
  it('says in its last lines that the suite was skipped, and why', () => {
    // --listTests: jest finds the suite but runs nothing; the wrapper speaks after jest all the same.
    const run = spawnSync(
      process.execPath,
      [join(root, 'scripts', 'test-eventstoredb.js'), '--listTests'],
      { cwd: root, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '' } },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('eventstoredb-event-store.contract.int.spec.ts');
    const last = run.stdout.trimEnd().split('\n').slice(-4).join('\n');
    expect(last).toMatch(/^SKIPPED: the EventStoreDB contract suite did not run/);
    expect(last).toContain('EVENTSTORE_CONNECTION_STRING\nis not set');
  });
});
