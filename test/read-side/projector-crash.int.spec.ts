import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SqliteEventStore } from '@marginalia/event-store';
import { catchUp, compareReadModels, ReadModelDatabase } from '@marginalia/read-models';
import { makeTempDir } from '../support/temp-dir';
import { writeNewsroomLog } from './fixtures/newsroom-log';

function startChild(dataDir: string) {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'fixtures', 'project-in-child.js'), dataDir],
    {
      cwd: join(__dirname, '..', '..'),
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output: () => output, exited };
}

describe('a projector killed in the middle of a batch', () => {
  it('resumes from its checkpoint, applying nothing twice', async () => {
    const dir = makeTempDir();
    try {
      const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
      await writeNewsroomLog(store, 20, 100);
      const head = await store.headPosition();

      // Killed while folding (about 170 ms for this log here), then twice while writing (about
      // 260 ms more): each time, the batch it was in must leave no trace.
      let interrupted = 0;
      for (const delay of [60, 230, 330]) {
        const projecting = startChild(dir.path);
        const deadline = Date.now() + 20_000;
        while (!/applying \d+|applied \d+\s*$/.test(projecting.output())) {
          if (Date.now() > deadline)
            throw new Error(`The child did not start:\n${projecting.output()}`);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        projecting.child.kill('SIGKILL');
        await projecting.exited;
        const database = new ReadModelDatabase(join(dir.path, 'read-models.db'));
        const history = database.db.prepare('SELECT COUNT(*) AS n FROM history').get() as {
          n: number;
        };
        // Either the whole batch, or nothing of it: never a part.
        const state = [database.checkpoint(), history.n];
        expect([
          [100, 100],
          [head, head],
        ]).toContainEqual(state);
        database.close();
        const finished = state[0] === head;
        if (!finished) interrupted += 1;
      }
      expect(interrupted).toBeGreaterThan(0);

      const live = new ReadModelDatabase(join(dir.path, 'read-models.db'));
      await catchUp(store, live);
      expect(live.checkpoint()).toBe(head);
      const fresh = new ReadModelDatabase(join(dir.path, 'fresh.db'));
      await catchUp(store, fresh);
      expect(compareReadModels(live.db, fresh.db)).toEqual([]);
      const counts = live.db.prepare('SELECT body FROM articles').all() as Array<{ body: string }>;
      const totals = counts.map(
        (row) => JSON.parse(row.body) as { openClaims: number; publishedVerdicts: number },
      );
      expect(totals).toHaveLength(20);
      expect(totals.every((t) => t.openClaims === 50 && t.publishedVerdicts === 50)).toBe(true);
      live.close();
      fresh.close();
      await store.close();
    } finally {
      dir.remove();
    }
  }, 60_000);
});
