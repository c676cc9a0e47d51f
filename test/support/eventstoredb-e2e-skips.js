/*
 * What the end-to-end suites on EventStoreDB (jest.eventstoredb-e2e.config.js) leave out, and
 * why: only what is about SQLite itself (its files, backups, its CLI, its dense positions
 * 1, 2, 3…), never a test that fails on EventStoreDB for a reason of the product's. Files match
 * by path prefix from the repository root; a test by its file's prefix and a part of its name.
 */
const dense =
  "counts on SQLite's positions 1, 2, 3… (a count of events equals the head position); " +
  "EventStoreDB's are offsets in its transaction log";
const sqliteFile =
  'edits events.db with better-sqlite3; EventStoreDB events are immutable to every client';

const tests = (file, reason, ...names) => names.map((test) => ({ file, test, reason }));

module.exports = {
  files: {
    'test/reliability/backup-restore': 'SQLite backups and restores (EventStoreDB has its own)',
    'test/reliability/log-tamper-matrix': sqliteFile,
    'test/cli/verify-cli':
      'its CLI child processes are given only DATA_DIR, so they read a SQLite log that is not there',
  },
  tests: [
    ...tests(
      'test/admin-api/health.e2e',
      "expects SQLite's health (kind sqlite, events.db, WAL)",
      'with the state of the embedded event log',
    ),
    ...tests('test/admin-api/health.e2e', dense, 'reports the head of the log'),
    ...tests('test/security/injection', dense, 'still has every table and every event'),
    ...tests('test/read-side/views-and-replays', dense, 'identical to a rebuild from the log'),
    ...tests('test/read-side/views-and-replays', sqliteFile, 'edited in the SQLite file'),
    ...tests('test/read-side/rebuild-and-cli', dense, 'swaps it in while the server keeps serving'),
    ...tests(
      'test/read-side/rebuild-and-cli',
      `its CLI runs on SQLite; ${sqliteFile}`,
      'report a sound log with exit 0',
    ),
    ...tests('test/editorial/process-managers', dense, 'run a second time over the same events'),
    ...tests(
      'test/editorial/process-managers',
      "bounds the commits by SQLite's delivery in pages of 1,000; EventStoreDB's catch-up " +
        'delivers the same 1,000 events in more turns (26 commits)',
      'commit their state once per turn of the event loop',
    ),
    ...tests('test/editorial/newsroom-story', dense, 'imports the five corpus articles once'),
    ...tests(
      'libs/editorial/src/process-managers/log-follower',
      dense,
      'feeds each process manager the events it reacts to',
      'takes a refusal as the answer',
      'counts an event it could not handle in five attempts',
    ),
    ...tests('test/admin-api/reading-histories', dense, 'pages the global log after a position'),
    ...tests(
      'test/admin-api/reading-event-stream',
      dense,
      'catches up after Last-Event-ID',
      'starts after ?after= without Last-Event-ID',
    ),
    ...tests(
      'test/admin-api/reading-admin',
      dense,
      'reports every chain verified',
      'rebuilds the read models for an admin',
    ),
    ...tests('test/admin-api/reading-admin', sqliteFile, 'edited in the SQLite file'),
    ...tests(
      'test/admin-api/log-endpoints',
      dense,
      'gives the latest checkpoint to any role',
      'issues a checkpoint on request',
      "proves every leaf's inclusion",
      'position - 1 on SQLite',
    ),
    ...tests(
      'test/admin-api/log-endpoints',
      'counts the checkpoints issued by the two tests above, which are left out for their dense positions',
      'lists every checkpoint, oldest first',
    ),
    ...tests(
      'test/admin-api/log-checkpoint-cadence',
      dense,
      'as soon as CHECKPOINT_EVERY_EVENTS events were appended',
    ),
    ...tests('test/admin-api/event-stream-tokens', dense, 'ends the stream when its token expires'),
    ...tests(
      'test/admin-api/log-checkpoint-cadence',
      "copies another folder's events.db over the log; EventStoreDB events are immutable to every client",
      'refuses to sign a log that no longer extends its last checkpoint',
    ),
    ...tests(
      'test/admin-api/idempotency-crash-window',
      dense,
      'appends a keyed capture once when two replicas run it at the same moment',
    ),
  ],
};
