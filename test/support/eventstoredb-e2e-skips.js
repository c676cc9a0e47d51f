/*
 * What the end-to-end suites on EventStoreDB (jest.eventstoredb-e2e.config.js) leave out, and
 * why: only what is about SQLite itself (its files, backups, crash windows, tampering, its dense
 * positions), never a test that fails on EventStoreDB for a reason of the product's. Files match
 * by path prefix from the repository root; a test by its file's prefix and a part of its name.
 */
const densePositions =
  "expects SQLite's positions 1, 2, 3…; EventStoreDB's are offsets in its transaction log";

module.exports = {
  files: {},
  tests: [
    {
      file: 'test/admin-api/health.e2e',
      test: 'with the state of the embedded event log',
      reason: "expects SQLite's health (kind sqlite, events.db, WAL)",
    },
    {
      file: 'test/admin-api/health.e2e',
      test: 'reports the head of the log',
      reason: densePositions,
    },
  ],
};
