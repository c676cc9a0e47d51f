import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  type EventToAppend,
  SqliteEventStore,
  createEventIdGenerator,
} from '@marginalia/event-store';
import { catchUp, compareReadModels, ReadModelDatabase } from '@marginalia/read-models';
import { makeTempDir } from '../support/temp-dir';

const nextId = createEventIdGenerator();
const actor = (sub: string, role: string) => ({ sub, roles: [role] });
const event = (
  type: string,
  data: object,
  sub = 'checker-wang',
  role = 'fact_checker',
): EventToAppend => ({
  eventId: nextId(),
  type,
  schemaVersion: 1,
  data: data as EventToAppend['data'],
  metadata: {
    occurredAt: '2024-03-08T02:29:15.000Z',
    actor: actor(sub, role),
    correlationId: nextId(),
    causationId: nextId(),
  },
});

/** A newsroom's log: articles, claims in every state, published verdicts that change the counts. */
async function writeNewsroomLog(
  store: SqliteEventStore,
  articles: number,
  claimsPerArticle: number,
) {
  for (let a = 0; a < articles; a += 1) {
    const articleId = nextId();
    const text = `山西日报讯 第${a}篇。去年煤炭产量达到13.78亿吨。`;
    await store.append(
      `article-${articleId}`,
      [
        event(
          'ArticleImported',
          {
            articleId,
            title: `第${a}篇`,
            language: 'zh-Hans',
            format: 'text',
            source: { url: `https://example.org/${a}`, publisher: '山西日报', publishedAt: null },
            externalId: null,
            raw: text,
            text,
            textSha256: 'x'.repeat(64),
            revision: 1,
            metadata: {},
          },
          'editor-li',
          'editor',
        ),
      ],
      { expectedRevision: 'no_stream' },
    );
    for (let c = 0; c < claimsPerArticle; c += 1) {
      const claimId = nextId();
      const anchor = {
        revision: 1,
        start: 12,
        end: 27,
        exact: '去年煤炭产量达到13.78亿吨',
        prefix: '',
        suffix: '。',
        state: 'anchored',
      };
      const life = [
        event('ClaimCaptured', {
          claimId,
          articleId,
          anchor,
          statement: `说法${c}`,
          claimant: null,
          topics: [],
        }),
        event('ClaimAssigned', { claimId, assignee: 'checker-wang' }, 'editor-li', 'editor'),
      ];
      if (c % 2 === 0) {
        const verdict = {
          claimId,
          verdictVersion: 1,
          rating: 'true',
          summary: '属实。',
          rationale: null,
          sources: [],
        };
        life.push(
          event('VerdictDrafted', { ...verdict, draftedBy: 'checker-wang' }),
          event('VerdictSubmitted', { claimId, verdictVersion: 1, submittedBy: 'checker-wang' }),
          event(
            'VerdictApproved',
            { claimId, verdictVersion: 1, approvedBy: 'standards-zhang' },
            'standards-zhang',
            'standards_editor',
          ),
          event(
            'VerdictPublished',
            { ...verdict, supersedes: null },
            'standards-zhang',
            'standards_editor',
          ),
        );
      }
      await store.append(`claim-${claimId}`, life, { expectedRevision: 'no_stream' });
    }
  }
}

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
