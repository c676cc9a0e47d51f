import { openSqlite } from '@marginalia/event-store';
import type Database from 'better-sqlite3';
import { type IdempotencyScope } from '@marginalia/http';

/** The answer given to the first request, given again to its repetitions. */
export interface RecordedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Reservation =
  | { outcome: 'reserved' }
  | { outcome: 'replay'; answer: RecordedAnswer }
  | { outcome: 'in_flight' }
  | { outcome: 'reused' };

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

interface Row {
  request_sha256: string;
  status: number | null;
  headers: string | null;
  body: string | null;
  expires_at: number;
}

/**
 * The keys of the last 24 hours and their answers, in `idempotency.db` of the data folder.
 * Durable on commit (synchronous=FULL): an answer once recorded survives a crash, so a retry
 * after it still appends nothing. A reservation is made and checked in one transaction.
 */
export class IdempotencyStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(
    file: string,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
  ) {
    this.db = openSqlite(file, 'durable');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS idempotency_keys (
        sub TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL, key TEXT NOT NULL,
        request_sha256 TEXT NOT NULL,
        status INTEGER, headers TEXT, body TEXT,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (sub, method, path, key)
      );
      CREATE INDEX IF NOT EXISTS idempotency_keys_expiry ON idempotency_keys (expires_at);`);
    const where = 'sub = @sub AND method = @method AND path = @path AND key = @key';
    this.statements = {
      find: this.db.prepare<IdempotencyScope, Row>(
        `SELECT request_sha256, status, headers, body, expires_at FROM idempotency_keys WHERE ${where}`,
      ),
      reserve: this.db.prepare<IdempotencyScope & { sha256: string; expiresAt: number }>(
        `INSERT OR REPLACE INTO idempotency_keys (sub, method, path, key, request_sha256, expires_at)
         VALUES (@sub, @method, @path, @key, @sha256, @expiresAt)`,
      ),
      complete: this.db.prepare<
        IdempotencyScope & { status: number; headers: string; body: string }
      >(
        `UPDATE idempotency_keys SET status = @status, headers = @headers, body = @body WHERE ${where}`,
      ),
      release: this.db.prepare<IdempotencyScope>(
        `DELETE FROM idempotency_keys WHERE ${where} AND status IS NULL`,
      ),
      purge: this.db.prepare<[number]>('DELETE FROM idempotency_keys WHERE expires_at <= ?'),
    };
    // Requests in flight when the last process stopped got no answer; their keys are free again.
    this.db.exec('DELETE FROM idempotency_keys WHERE status IS NULL');
    this.purgeExpired();
  }

  reserve(scope: IdempotencyScope, requestSha256: string): Reservation {
    return this.db
      .transaction((): Reservation => {
        const now = this.now();
        const row = this.statements.find.get(scope);
        if (row && row.expires_at > now) {
          if (row.request_sha256 !== requestSha256) return { outcome: 'reused' };
          if (row.status === null) return { outcome: 'in_flight' };
          const headers = JSON.parse(row.headers ?? '{}') as Record<string, string>;
          return {
            outcome: 'replay',
            answer: { status: row.status, headers, body: row.body ?? '' },
          };
        }
        this.statements.reserve.run({
          ...scope,
          sha256: requestSha256,
          expiresAt: now + this.ttlMs,
        });
        return { outcome: 'reserved' };
      })
      .immediate();
  }

  complete(scope: IdempotencyScope, answer: RecordedAnswer): void {
    this.statements.complete.run({ ...scope, ...answer, headers: JSON.stringify(answer.headers) });
  }

  /** Frees a reserved key whose answer is not remembered (401, 403, 429, 5xx). */
  release(scope: IdempotencyScope): void {
    this.statements.release.run(scope);
  }

  purgeExpired(): number {
    return this.statements.purge.run(this.now()).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
