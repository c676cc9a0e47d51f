import { join } from 'node:path';
import { type Correction, streams } from '@marginalia/domain';
import {
  ApproveCorrectionCommand,
  CaptureClaimCommand,
  type CommandResult,
  ImportArticleCommand,
  ProposeCorrectionCommand,
  ReviseArticleCommand,
} from '@marginalia/editorial';
import { iterateAll, type StoredEvent, verifyHashChains } from '@marginalia/event-store';
import { type EditorialApp, newsroom, requestBy, startEditorial } from '../support/editorial-app';
import { makeTempDir } from '../support/temp-dir';

const { editor, factChecker, standardsEditor, otherStandardsEditor } = newsroom;

const TEXT = [
  '太原讯 省统计局3月8日发布数据。',
  '去年全省煤炭产量达到13.78亿吨，同比增长3.2%。',
  '发电量4376亿千瓦时，陽泉的天更藍了、水更清了、地更綠了。',
  '全省新增就业岗位47.3万个，城镇登记失业率为3.1%。',
].join('\n\n');

const PASSAGES = ['13.78亿吨', '3.2%', '4376亿千瓦时', '47.3万个', '3.1%'];

/**
 * Several API replicas share one log, and each runs the process managers with its own
 * checkpoint. Both replicas see every approval and every new revision and race to do the same
 * follow-on work; what they append must be what one would have (docs/eventstoredb.md,
 * "Process managers on several replicas").
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
/** The same replicas on SQLite always, and on EventStoreDB (a cluster, say) when one is named. */
const LOGS: Array<{ log: string; env: Record<string, string> }> = [
  { log: 'a SQLite log', env: {} },
  ...(connectionString
    ? [
        {
          log: 'an EventStoreDB log',
          env: { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString },
        },
      ]
    : []),
];

describe.each(LOGS)('process managers on two replicas of $log', ({ log, env }) => {
  let dir: ReturnType<typeof makeTempDir>;
  let replicas: EditorialApp[];

  beforeEach(async () => {
    dir = makeTempDir('marginalia-replicas-');
    replicas = [
      await startEditorial(dir.path, { processStateFile: join(dir.path, 'a-process.db'), env }),
      await startEditorial(dir.path, { processStateFile: join(dir.path, 'b-process.db'), env }),
    ];
  });

  afterEach(async () => {
    for (const replica of replicas) await replica.close();
    dir.remove();
  });

  async function allEvents(): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const event of iterateAll(replicas[0]!.store)) events.push(event);
    return events;
  }

  async function settleAll(): Promise<void> {
    for (let round = 0; round < 3; round += 1) {
      for (const replica of replicas) await replica.settle();
    }
  }

  it('publish each correction once and follow each annotation once per revision', async () => {
    const [a, b] = replicas as [EditorialApp, EditorialApp];
    // The checks below count over the whole log: they need one that holds nothing else yet.
    if ((await a.store.headPosition()) > 0) {
      console.warn(`Replicas test on ${log} skipped: the log already holds events`);
      return;
    }
    const imported: CommandResult<{ articleId: string }> = await a.commands.execute(
      new ImportArticleCommand(
        {
          title: '统计局发布数据',
          language: 'zh-Hans',
          format: 'text',
          content: TEXT,
          source: {
            url: 'https://example.org/news/replicas',
            publisher: '山西日报',
            publishedAt: null,
          },
          externalId: null,
        },
        requestBy(editor),
      ),
    );
    const articleId = imported.state.articleId;
    for (const [index, exact] of PASSAGES.entries()) {
      await (index % 2 ? a : b).commands.execute(
        new CaptureClaimCommand(
          { articleId, selector: { exact }, statement: null, claimant: null, topics: [] },
          requestBy(factChecker),
        ),
      );
    }

    // Corrections approved on alternating replicas, some at once, and an editor's own revision
    // in between: every approval and every revision reaches both process managers.
    const corrections: string[] = [];
    const propose = async (on: EditorialApp, exact: string, replacement: string) => {
      const proposed: CommandResult<Correction> = await on.commands.execute(
        new ProposeCorrectionCommand(
          {
            articleId,
            selector: { exact },
            kind: 'correction',
            replacement,
            notice: `更正：${exact}应为${replacement}。`,
            claimId: null,
          },
          requestBy(editor),
        ),
      );
      corrections.push(proposed.state.correctionId);
      return proposed.state.correctionId;
    };
    const first = await propose(a, '13.78亿吨', '13.79亿吨');
    const second = await propose(b, '47.3万个', '47.4万个');
    await Promise.all([
      a.commands.execute(
        new ApproveCorrectionCommand({ correctionId: first }, requestBy(standardsEditor)),
      ),
      b.commands.execute(
        new ApproveCorrectionCommand({ correctionId: second }, requestBy(otherStandardsEditor)),
      ),
    ]);
    await settleAll();
    await b.commands.execute(
      new ReviseArticleCommand(
        {
          articleId,
          format: 'text',
          content: (await currentText(a, articleId)).replace('太原讯', '太原讯（记者 李华）'),
          reason: '补充记者署名',
        },
        requestBy(editor),
      ),
    );
    const third = await propose(a, '3.1%', '3.0%');
    await b.commands.execute(
      new ApproveCorrectionCommand({ correctionId: third }, requestBy(standardsEditor)),
    );
    await settleAll();

    const events = await allEvents();
    for (const correctionId of corrections) {
      const stream = events.filter((e) => e.streamId === streams.correction(correctionId));
      expect(stream.filter((e) => e.type === 'CorrectionPublished')).toHaveLength(1);
      const revisions = events.filter(
        (e) =>
          e.type === 'ArticleRevised' &&
          (e.data.cause as { correctionId?: string }).correctionId === correctionId,
      );
      expect(revisions).toHaveLength(1);
    }
    const articleRevisions = events.filter((e) => e.type === 'ArticleRevised');
    expect(articleRevisions).toHaveLength(4);

    // Each annotation moves forward, never twice into the same revision.
    const annotationStreams = new Set(
      events.filter((e) => /^(claim|correction)-/.test(e.streamId)).map((e) => e.streamId),
    );
    for (const streamId of annotationStreams) {
      const moves = events
        .filter((e) => e.streamId === streamId && /^Annotation(Reanchored|Orphaned)$/.test(e.type))
        .map((e) =>
          e.type === 'AnnotationReanchored'
            ? (e.data.anchor as { revision: number }).revision
            : (e.data.revision as number),
        );
      expect({ streamId, moves }).toEqual({ streamId, moves: [...moves].sort((x, y) => x - y) });
      expect(new Set(moves).size).toBe(moves.length);
    }
    // Every claim reached the article's last revision.
    const claims = [...annotationStreams].filter((s) => s.startsWith('claim-'));
    expect(claims).toHaveLength(PASSAGES.length);

    expect((await verifyHashChains(a.store)).ok).toBe(true);
    for (const replica of replicas) {
      expect(replica.processManagers!.status().failures).toBe(0);
    }
    // Both replicas handled the whole log, including each other's follow-on work.
    const head = await a.store.headPosition();
    expect(replicas.map((r) => r.processManagers!.status().position)).toEqual([head, head]);
  });
});

async function currentText(on: EditorialApp, articleId: string): Promise<string> {
  const article = await on.events(streams.article(articleId));
  const last = [...article].reverse().find((e) => typeof e.data.text === 'string');
  if (!last) throw new Error('No text in the article stream');
  return last.data.text as string;
}
