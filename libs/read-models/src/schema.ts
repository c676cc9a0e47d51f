import type Database from 'better-sqlite3';

/**
 * The read models' tables. Disposable: a schema change bumps READ_MODEL_VERSION, and a file of
 * another version is dropped and rebuilt from the log rather than migrated.
 */
export const READ_MODEL_VERSION = 1;

const SCHEMA = `
  CREATE TABLE checkpoint (name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE articles (
    id TEXT PRIMARY KEY, created INTEGER NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
  CREATE INDEX articles_created ON articles (created);
  CREATE TABLE article_revisions (
    article_id TEXT NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (article_id, revision)) WITHOUT ROWID;
  CREATE TABLE claims (
    id TEXT PRIMARY KEY, created INTEGER NOT NULL, article_id TEXT NOT NULL, status TEXT NOT NULL,
    assignee TEXT, rating TEXT, search TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
  CREATE INDEX claims_created ON claims (created);
  CREATE INDEX claims_article ON claims (article_id, created);
  CREATE INDEX claims_status ON claims (status, created);
  CREATE INDEX claims_assignee ON claims (assignee, created);
  CREATE INDEX claims_rating ON claims (rating, created);
  CREATE TABLE corrections (
    id TEXT PRIMARY KEY, created INTEGER NOT NULL, article_id TEXT NOT NULL, status TEXT NOT NULL,
    kind TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
  CREATE INDEX corrections_created ON corrections (created);
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
    db.exec(SCHEMA);
    db.pragma(`user_version = ${READ_MODEL_VERSION}`);
  }).immediate();
}
