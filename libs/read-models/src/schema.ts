import type Database from 'better-sqlite3';

/**
 * The read models' tables. Disposable: a schema change bumps READ_MODEL_VERSION, and a file of
 * another version is dropped and rebuilt from the log rather than migrated.
 */
export const READ_MODEL_VERSION = 2;

/*
 * Rows are JSON bodies of about a kilobyte, so the tables holding them are rowid tables keyed by
 * the log position of the row's first event (`created`, the order lists and views read them
 * in), with the id as a unique index. A WITHOUT ROWID table stores a row that large on an
 * overflow page of its own: version 1 did, and its claims took four times their size and most
 * of the time of a rebuild and of a view.
 */
const SCHEMA = `
  CREATE TABLE checkpoint (name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE articles (
    created INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
  CREATE TABLE article_revisions (
    position INTEGER PRIMARY KEY, article_id TEXT NOT NULL, revision INTEGER NOT NULL,
    body TEXT NOT NULL, UNIQUE (article_id, revision));
  CREATE TABLE claims (
    created INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL,
    status TEXT NOT NULL, assignee TEXT, rating TEXT, search TEXT NOT NULL, view TEXT NOT NULL,
    body TEXT NOT NULL);
  CREATE INDEX claims_article ON claims (article_id, created);
  CREATE INDEX claims_status ON claims (status, created);
  CREATE INDEX claims_assignee ON claims (assignee, created);
  CREATE INDEX claims_rating ON claims (rating, created);
  CREATE TABLE corrections (
    created INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL,
    status TEXT NOT NULL, kind TEXT NOT NULL, view TEXT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX corrections_article ON corrections (article_id, created);
  CREATE INDEX corrections_status ON corrections (status, created);
  CREATE TABLE history (
    position INTEGER PRIMARY KEY, article_id TEXT NOT NULL, annotation_id TEXT,
    type TEXT NOT NULL, actor TEXT NOT NULL, recorded_at TEXT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX history_article ON history (article_id, position);
  CREATE INDEX history_annotation ON history (annotation_id, position);
`;

/** Creates the tables, or drops a file written for another schema so it is rebuilt. */
export function prepareSchema(db: Database.Database): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version === READ_MODEL_VERSION) return;
  db.transaction(() => {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as Array<{ name: string }>;
    for (const { name } of tables) db.exec(`DROP TABLE "${name}"`);
    createSchema(db);
  }).immediate();
}

/** The tables and indexes of the current version, empty, in a file that has none. */
export function createSchema(db: Database.Database): void {
  db.exec(SCHEMA);
  db.pragma(`user_version = ${READ_MODEL_VERSION}`);
}
