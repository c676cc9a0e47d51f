/*
 * The test environment of the end-to-end suites on EventStoreDB (jest.eventstoredb-e2e.config.js):
 * after a test file's last hook, it stops the EventStoreDB logs the file's data folders still
 * hold (./event-log.ts keeps them on the file's global). A folder a test keeps for restarts
 * outlives its apps, so nothing earlier knows it is done; the factory's own watcher stops the
 * logs of a worker that dies.
 */
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { TestEnvironment } = require('jest-environment-node');

const run = promisify(execFile);

class EventStoreDbEnvironment extends TestEnvironment {
  async teardown() {
    const logs = this.global.__marginaliaEventLogs;
    if (logs) {
      const factory = process.env.EVENTSTORE_LOG_FACTORY.trim();
      await Promise.all(
        [...logs.values()].map(async (log) => {
          const connectionString = await log.connectionString.catch(() => undefined);
          if (connectionString) await run(factory, ['stop', connectionString], { timeout: 60_000 });
        }),
      );
      logs.clear();
    }
    await super.teardown();
  }
}

module.exports = EventStoreDbEnvironment;
