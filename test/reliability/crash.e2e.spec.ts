import { randomInt } from 'node:crypto';
import { type Actor } from '@marginalia/domain';
import { type IntegrityReport } from '@marginalia/read-models';
import { importOf000 } from '../admin-api/support/article-requests';
import { makeTempDir } from '../support/temp-dir';
import { bearerFor } from './support/child-server';
import { inspectDataFolder, waitUntilCaughtUp } from './support/data-folder';
import { RestartableServer } from './support/restartable-server';
import { type Exchange, RetryingClient } from './support/retrying-client';
import { ledgerViolations, succeeded, type Write } from './support/write-ledger';
import { SeededRandom } from '../support/seeded-random';

const KILLS = 5;
const LOOPS = 12;
/** Corpus article 000 has 4,172 code points, each its own grapheme cluster. */
const TEXT_LENGTH = 4172;
const SEED = Number(process.env.CRASH_SEED ?? randomInt(2 ** 31));

const checker = (i: number): Actor => ({ sub: `checker-${i}`, roles: ['fact_checker'] });
const editor = (i: number): Actor => ({ sub: `editor-${i}`, roles: ['editor'] });
const standards: Actor = { sub: 'standards-crash', roles: ['standards_editor'] };
const auditor: Actor = { sub: 'auditor-crash', roles: ['auditor'] };

const verdict = {
  rating: 'mostly_true',
  summary: '统计公报的数字与说法一致。',
  sources: [{ url: 'https://tjj.shanxi.gov.cn/', title: '统计公报', accessedAt: '2024-03-09' }],
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The crash test: the real server as a child process on a temporary data folder,
 * concurrent writers over HTTP, `kill -9` at seeded random moments, restarts, and every request
 * that got no answer sent again with the same key, If-Match and body. Then the log must hold
 * every write answered with success exactly once, the hash chains must verify, and the read
 * models must catch up and equal a fresh replay of the log.
 */
describe('the server killed with SIGKILL while clients write', () => {
  it('keeps every answered write exactly once, retries included, with intact chains and read models', async () => {
    console.log(`crash test: seed ${SEED} (CRASH_SEED=${SEED} repeats its schedule and choices)`);
    const started = Date.now();
    const dice = new SeededRandom(SEED);
    const dir = makeTempDir('marginalia-crash-');
    const server = new RestartableServer({ dataDir: dir.path });
    const client = new RetryingClient(server);
    const writes: Write[] = [];
    const failures: string[] = [];
    let stopping = false;
    const tokens = {
      checker: await Promise.all([...Array(LOOPS).keys()].map((i) => bearerFor(checker(i)))),
      editor: await Promise.all([...Array(LOOPS).keys()].map((i) => bearerFor(editor(i)))),
      standards: await bearerFor(standards),
      auditor: await bearerFor(auditor),
    };

    /** Sends one write and records it; undefined when the test is stopping or it failed. */
    const write = async (
      entry: Omit<Write, 'exchange'> & { call: Exchange['call'] },
    ): Promise<Exchange | undefined> => {
      if (stopping) return undefined;
      const exchange = await client.send(entry.call);
      const recorded = { ...entry, exchange };
      writes.push(recorded);
      return succeeded(recorded) ? exchange : undefined;
    };

    /** After a PATCH that a lost attempt applied: the claim's version once reads show the edit. */
    const versionShowing = async (claim: string, statement: string, authorization: string) => {
      for (let tries = 0; tries < 100; tries += 1) {
        const read = await client.send({ method: 'GET', path: claim, authorization });
        const body = read.body as { statement?: string; version?: number };
        if (read.status === 200 && body.statement === statement) return body.version!;
        await sleep(50);
      }
      failures.push(`${claim} was answered 412 after a lost PATCH, but never showed its edit`);
      return undefined;
    };

    const claimLife = async (i: number, tag: string, loopDice: SeededRandom, articleId: string) => {
      const auth = tokens.checker[i]!;
      const start = loopDice.int(0, TEXT_LENGTH - 20);
      const captured = await write({
        call: {
          method: 'POST',
          path: `/v1/articles/${articleId}/claims`,
          authorization: auth,
          idempotencyKey: `capture-${tag}`,
          body: { selector: { start, end: start + loopDice.int(1, 15) }, statement: tag },
        },
        sub: checker(i).sub,
        expected: 201,
        stream: 'claim-',
      });
      if (!captured) return;
      const { id, version: captureVersion } = captured.body as { id: string; version: number };
      const claim = `/v1/claims/${id}`;
      const stream = `claim-${id}`;
      const statement = `edited ${tag}`;
      const edited = await write({
        call: {
          method: 'PATCH',
          path: claim,
          authorization: auth,
          ifMatch: captureVersion,
          body: { statement },
        },
        sub: checker(i).sub,
        expected: 200,
        stream,
        statement,
      });
      if (!edited) return;
      const version =
        edited.status === 200
          ? (edited.body as { version: number }).version
          : await versionShowing(claim, statement, auth);
      if (version === undefined) return;
      const steps: Array<[string, string, object | undefined, string, number | undefined]> = [
        ['assign', '/assignment', { assignee: checker(i).sub }, auth, version],
        ['draft', '/verdict', verdict, auth, undefined],
        ['submit', '/verdict/submit', undefined, auth, undefined],
        ['approve', '/verdict/approve', undefined, tokens.standards, undefined],
      ];
      for (const [step, path, body, authorization, ifMatch] of steps) {
        const done = await write({
          call: {
            method: 'POST',
            path: `${claim}${path}`,
            authorization,
            idempotencyKey: `${step}-${tag}`,
            ...(body ? { body } : {}),
            ...(ifMatch !== undefined ? { ifMatch } : {}),
          },
          sub: authorization === auth ? checker(i).sub : standards.sub,
          expected: 200,
          stream,
        });
        if (!done) return;
      }
    };

    const correctionLife = async (
      i: number,
      tag: string,
      loopDice: SeededRandom,
      articleId: string,
    ) => {
      const start = loopDice.int(0, TEXT_LENGTH - 20);
      const proposed = await write({
        call: {
          method: 'POST',
          path: `/v1/articles/${articleId}/corrections`,
          authorization: tokens.editor[i]!,
          idempotencyKey: `propose-${tag}`,
          body: {
            selector: { start, end: start + loopDice.int(1, 15) },
            kind: 'clarification',
            notice: `notice ${tag}`,
          },
        },
        sub: editor(i).sub,
        expected: 201,
        stream: 'correction-',
      });
      if (!proposed) return;
      const { id } = proposed.body as { id: string };
      await write({
        call: {
          method: 'POST',
          path: `/v1/corrections/${id}/approve`,
          authorization: tokens.standards,
          idempotencyKey: `approve-correction-${tag}`,
        },
        sub: standards.sub,
        expected: 200,
        stream: `correction-${id}`,
      });
    };

    const writer = async (i: number, articleId: string) => {
      const loopDice = new SeededRandom(SEED + 7919 * (i + 1));
      try {
        for (let n = 0; !stopping; n += 1) {
          const life = loopDice.next() < 0.25 ? correctionLife : claimLife;
          await life(i, `${i}.${n}`, loopDice, articleId);
        }
      } catch (error) {
        failures.push(`writer ${i}: ${(error as Error).stack ?? String(error)}`);
      }
    };

    try {
      await server.start();
      const imported = await write({
        call: {
          method: 'POST',
          path: '/v1/articles',
          authorization: tokens.editor[0]!,
          idempotencyKey: 'import-000',
          body: importOf000('crash'),
        },
        sub: editor(0).sub,
        expected: 201,
        stream: 'article-',
      });
      const articleId = (imported?.body as { id: string }).id;

      const writers = [...Array(LOOPS).keys()].map((i) => writer(i, articleId));
      for (let kill = 0; kill < KILLS; kill += 1) {
        await sleep(dice.int(300, 1500));
        await server.kill9();
        await server.start();
      }
      await sleep(dice.int(300, 1000));
      stopping = true;
      await Promise.all(writers);

      const health = await waitUntilCaughtUp(server.url);
      const integrity = await fetch(`${server.url}/v1/admin/integrity`, {
        headers: { Authorization: tokens.auditor },
      });
      const report = (await integrity.json()) as IntegrityReport;
      await server.stop();
      const folder = await inspectDataFolder(dir.path);

      const lost = client.exchanges.filter((exchange) =>
        exchange.attempts.some((attempt) => attempt.lost !== undefined),
      );
      const keyed = writes.filter((entry) => entry.exchange.call.idempotencyKey !== undefined);
      const recognised = keyed.filter(
        ({ exchange, sub }) =>
          exchange.attempts.length > 1 &&
          exchange.headers['idempotent-replayed'] === undefined &&
          folder.events.some(
            (event) =>
              event.metadata.idempotencyKey === exchange.call.idempotencyKey &&
              (event.metadata.actor as { sub?: string }).sub === sub &&
              event.metadata.correlationId !== exchange.attempts.at(-1)!.requestId,
          ),
      );
      console.log(
        JSON.stringify({
          seed: SEED,
          kills: KILLS,
          writers: LOOPS,
          writes: writes.length,
          requestsWithoutAnswer: lost.length,
          replayedFromIdempotencyRecord: keyed.filter(
            ({ exchange }) => exchange.headers['idempotent-replayed'] === 'true',
          ).length,
          retriesRecognisedInLog: recognised.length,
          events: folder.events.length,
          seconds: (Date.now() - started) / 1000,
        }),
      );

      const violations = ledgerViolations(writes, folder.events);
      expect({ failures, violations }).toEqual({ failures: [], violations: [] });
      expect(folder.chains).toMatchObject({ ok: true, broken: [] });
      expect(folder.readModels).toEqual({
        position: folder.events.at(-1)!.position,
        differences: [],
      });
      expect(health.store.headPosition).toBe(folder.events.at(-1)!.position);
      expect(report).toMatchObject({
        ok: true,
        chains: { ok: true },
        readModels: { ok: true, differences: [] },
      });
      const published = (streamId: string) =>
        folder.events.filter(
          (event) => event.streamId === streamId && event.type === 'CorrectionPublished',
        ).length;
      for (const approval of writes.filter((entry) =>
        /\/corrections\/.+\/approve$/.test(entry.exchange.call.path),
      )) {
        if (succeeded(approval)) expect(published(approval.stream)).toBe(1);
      }
    } catch (error) {
      console.log(
        `crash test seed ${SEED} failed; the server's last output:\n${server.output().slice(-3000)}`,
      );
      throw error;
    } finally {
      stopping = true;
      await server.kill9();
      dir.remove();
    }
  }, 120_000);
});
