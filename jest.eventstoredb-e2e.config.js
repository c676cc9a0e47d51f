/**
 * The end-to-end suites on EventStoreDB (`npm run test:e2e:eventstoredb`): the same test files as
 * on SQLite, every spec that starts the application through the tests' harness
 * (startAdminApi, startEditorial), each data folder on a fresh EventStoreDB log from
 * EVENTSTORE_LOG_FACTORY (test/support/event-log.ts). Files about SQLite itself are left out,
 * with their reason, by test/support/eventstoredb-e2e-skips.js; the script prints them.
 */
const { readdirSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const base = require('./jest.config');
const skips = require('./test/support/eventstoredb-e2e-skips');

/** Spec files (relative, with /) under `dir`. */
function specs(dir) {
  return readdirSync(join(__dirname, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.spec.ts'))
    .map((entry) => relative(__dirname, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

const harnessed = (file) => /\bstart(AdminApi|Editorial)\(/.test(readFileSync(file, 'utf8'));
const skipped = (file) => Object.keys(skips.files).some((prefix) => file.startsWith(prefix));

/** test/event-store runs on EventStoreDB through `npm run test:eventstoredb` instead. */
const selected = ['apps', 'libs', 'test']
  .flatMap(specs)
  .filter((file) => !file.startsWith('test/event-store/') && !file.startsWith('test/abuse/'))
  .filter((file) => harnessed(join(__dirname, file)) && !skipped(file));

module.exports = {
  ...base,
  testMatch: selected.map((file) => `<rootDir>/${file}`),
  testPathIgnorePatterns: ['/node_modules/'],
  testEnvironment: '<rootDir>/test/support/eventstoredb-environment.js',
  setupFilesAfterEnv: ['<rootDir>/test/support/eventstoredb-e2e-setup.ts'],
  // The server starts and stops a log per data folder; a test waits for it.
  testTimeout: 60000,
  // A test that fails midway may leave an app whose EventStoreDB client keeps reconnecting to
  // a stopped node, which holds the process open; SQLite's files do not.
  forceExit: true,
};

// For the run's script, which prints what was left out; jest takes only its own options.
Object.defineProperty(module.exports, 'selected', { value: selected, enumerable: false });
