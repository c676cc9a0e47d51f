import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@marginalia/event-store';
import { describeEventStoreContract } from '@marginalia/event-store/testing';
import { makeTempDir } from '../support/temp-dir';

describeEventStoreContract('SQLite on a temporary file', () => {
  const dir = makeTempDir();
  const file = join(dir.path, 'events.db');
  const handles: EventStore[] = [];
  const open = () => {
    const store = new SqliteEventStore({ file });
    handles.push(store);
    return Promise.resolve(store);
  };
  return {
    open,
    openAnother: open,
    tamper(event, data) {
      const db = new Database(file);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
        JSON.stringify(data),
        event.position,
      );
      db.close();
      return Promise.resolve();
    },
    async dispose() {
      for (const handle of handles) await handle.close();
      dir.remove();
    },
  };
});
