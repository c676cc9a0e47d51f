import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import {
  anotherVerifierKey,
  CORPUS_002,
  call,
  captureClaims,
  checkpointBeyond,
  otherArticles,
  rewrittenCheckpoint,
  historyOf002,
  type HistoryItem,
  publishCorrectionOn002,
} from './support/audit-api';
import { expectText, launchBrowser, openConsole, signInWithToken } from './support/browser';
import { type ConsoleServer, corpusReady, startConsoleServer } from './support/console-server';
import { lowContrastTexts } from './support/contrast';

const screenshots = process.env.CONSOLE_SCREENSHOTS ?? tmpdir();
// Around the corrected 推動(dòng) (code points 1001–1009), before and after revision 2.
const OLD_PASSAGE = '規(guī)模化利用,推動(dòng)綠色循環(huán)';
const NEW_PASSAGE = '規(guī)模化利用,推動綠色循環(huán)';

/** A datetime-local value for `date` in the test browser's time zone (openConsole's). */
function shanghaiLocal(date: Date): string {
  return date.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).replace(' ', 'T');
}

/**
 * Waits until the replayed view says `revision` (and, for a slider stop, the log `position` it
 * reflects) and its text holds `passage`.
 */
async function expectReplayed(
  page: Page,
  revision: number,
  passage: string,
  position?: number,
): Promise<void> {
  const caption = position === undefined ? '' : ` at position ${position},`;
  await expectText(page.locator('.audit-stood'), `Revision ${revision} as it stood${caption}`);
  await expectText(page.locator('.audit-replay-text .article-text'), passage);
}

describe('an auditor replays article 002 to before its correction and verifies the log', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let history: HistoryItem[];
  let title: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    await corpusReady(server);
    await publishCorrectionOn002(server);
    history = await historyOf002(server);
    const auditor = await server.token({ sub: 'auditor-zhao', roles: ['auditor'] });
    title = (await call<{ title: string }>(server, auditor, 'GET', `/v1/articles/${CORPUS_002.id}`))
      .title;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reads the timeline, filters it, slides back before the correction and verifies the checkpoint', async () => {
    const { page, context, problems } = await openConsole(browser, server.url);
    await signInWithToken(page, await server.token({ sub: 'auditor-zhao', roles: ['auditor'] }));
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: /Audit:/ }).waitFor();

    // The timeline holds every event of the article and its correction, in log order.
    const events = page.locator('ol.audit-events > li');
    await expectText(page.locator('ol.audit-events'), 'Correction published');
    expect(await events.count()).toBe(history.length);
    expect(await page.locator('ol.audit-events').textContent()).toContain('Correction proposed');
    expect(await page.locator('ol.audit-events').textContent()).toContain('By editor-li (editor)');

    // Filtering by type narrows it to the one proposal.
    await page.getByLabel('Event type', { exact: true }).selectOption('CorrectionProposed');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expectText(page.locator('.audit-count'), '1 event shown');
    expect(await events.count()).toBe(1);
    expect(await events.first().getAttribute('data-type')).toBe('CorrectionProposed');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expectText(page.locator('.audit-count'), `${history.length} events shown`);

    // The slider starts at now: revision 2 with the corrected text.
    await expectReplayed(page, 2, NEW_PASSAGE, history.at(-1)!.position);
    const slider = page.getByRole('slider', { name: 'Replay to', exact: true });
    // Keyboard: Home goes to the first event (the import), arrows step event by event.
    await slider.focus();
    await page.keyboard.press('Home');
    await expectReplayed(page, 1, OLD_PASSAGE, history[0]!.position);
    const revised = history.findIndex((event) => event.type === 'ArticleRevised');
    expect(revised).toBeGreaterThan(0);
    for (let i = 0; i < revised - 1; i++) await page.keyboard.press('ArrowRight');
    // One event before the revision: the correction approved, the text still the old one.
    await expectText(
      page.locator('#audit-replay-stop'),
      `Position ${history[revised - 1]!.position} of`,
    );
    await expectReplayed(page, 1, OLD_PASSAGE, history[revised - 1]!.position);

    // The server's integrity report, and the checkpoint verified by this browser.
    await expectText(page.locator('.audit-integrity'), 'Everything verifies.', 30_000);
    await expectText(page.locator('.audit-verification'), 'Signature verified with key');
    // The issued checkpoints, newest first, each verified here too.
    await expectText(page.locator('.audit-issued tbody td').nth(2), /^verified$/);
    // Every text as shown reads at WCAG 2.2 AA contrast.
    expect(await lowContrastTexts(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'audit-en.png'), fullPage: true });

    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expectReplayed(page, 2, NEW_PASSAGE, history[revised]!.position);

    // As of a moment (the browser's time zone, Asia/Shanghai): before the import, and now.
    const asOf = page.getByLabel('As of', { exact: true });
    await asOf.fill('2020-01-01T08:00:00');
    await expectText(page.locator('.audit-replay [role=alert]'), 'had not been imported yet');
    await asOf.fill(shanghaiLocal(new Date(Date.now() + 60_000)));
    await expectText(page.locator('.audit-stood'), 'Revision 2 as it stood on');
    await expectReplayed(page, 2, NEW_PASSAGE);

    // The export needs the token, so the console fetches it and saves it as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`article-${CORPUS_002.id}-history.csv`);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toContain('position,recordedAt,streamId');
    expect(csv).toContain('CorrectionProposed');

    // A pinned key that did not sign the checkpoint: the failure in words.
    const serverKey = await call<string>(server, '', 'GET', '/v1/log/key');
    await page
      .getByLabel('Pinned verifier key', { exact: true })
      .fill(anotherVerifierKey(serverKey.trim()));
    await page.getByRole('button', { name: 'Verify with this key' }).click();
    await expectText(
      page.getByRole('alert'),
      'Not verified: the checkpoint carries no signature by key',
    );
    expect(await page.locator('.audit-checkpoint-lines').textContent()).toContain('(not verified)');
    await expectText(page.locator('.audit-issued tbody td').nth(2), 'not verified');
    // The key the server gave verifies again, pinned.
    await page.getByLabel('Pinned verifier key', { exact: true }).fill(serverKey.trim());
    await page.getByRole('button', { name: 'Verify with this key' }).click();
    await expectText(page.locator('.audit-verification'), 'Signed by the key you pinned.');

    // A checkpoint kept now, checked later: the log grew, and today's log extends it.
    const kept = (await page.locator('pre.audit-note').textContent())!;
    const keptSize = Number(kept.split('\n')[1]);
    await captureClaims(server, (await otherArticles(server))[1]!, 1);
    const grown = await checkpointBeyond(server, keptSize);
    await page.getByRole('button', { name: 'Fetch the latest checkpoint' }).click();
    await expectText(page.locator('.audit-checkpoint-lines'), `Tree size${grown}`);
    const keptField = page.getByLabel('Kept checkpoint', { exact: true });
    await keptField.fill(kept);
    await page.getByRole('button', { name: 'Check the log extends it' }).click();
    await expectText(
      page.locator('.audit-kept-result'),
      `The log extends your kept checkpoint unchanged: its ${keptSize} leaves are the first ${keptSize} of today’s ${grown}.`,
    );
    // A checkpoint of the same size over another history, even signed with the log's own key.
    await keptField.fill(rewrittenCheckpoint(server, keptSize));
    await page.getByRole('button', { name: 'Check the log extends it' }).click();
    await expectText(
      page.locator('.audit-kept-result'),
      'The log does not extend your kept checkpoint',
    );

    // Chromium logs the one 404 it was asked for: the view before the article existed.
    expect(problems).toEqual([expect.stringContaining('status of 404')]);
    await context.close();
  });

  it('shows the audit view in Simplified Chinese', async () => {
    const { page, context, problems } = await openConsole(browser, server.url, {
      locale: 'zh-CN',
    });
    await page
      .getByLabel('访问令牌')
      .fill(await server.token({ sub: 'auditor-zhao', roles: ['auditor'] }));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.goto(`${server.url}/console/#/audit/${CORPUS_002.id}`);
    await page.getByRole('slider', { name: '回放到' }).waitFor();
    await expectText(page.locator('ol.audit-events'), '更正已发布');
    await expectText(page.locator('.audit-stood'), '修订版 2');
    await expectText(page.locator('.audit-integrity'), '全部验证通过。', 30_000);
    await expectText(page.locator('.audit-verification'), '签名已用密钥');
    // Every text as shown reads at WCAG 2.2 AA contrast.
    expect(await lowContrastTexts(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'audit-zh.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('pages a long timeline with Load more and filters it by actor and time', async () => {
    const auditor = await server.token({ sub: 'auditor-zhao', roles: ['auditor'] });
    const [other] = await otherArticles(server);
    await captureClaims(server, other!, 55);
    const { page, context, problems } = await openConsole(browser, server.url, {
      path: `/console/#/audit/${other!}`,
    });
    await signInWithToken(page, auditor);
    const events = page.locator('ol.audit-events > li');
    // The import and 55 captures: a first page of 50, then the rest.
    await expectText(page.locator('.audit-count'), '50 events shown, more to load.');
    await page.getByRole('button', { name: 'Load more' }).click();
    await expectText(page.locator('.audit-count'), '56 events shown.');
    const positions = await events.evaluateAll((items) =>
      items.map((item) => Number(item.getAttribute('data-position'))),
    );
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(56);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    await page.getByLabel('Actor', { exact: true }).fill('corpus-import');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expectText(page.locator('.audit-count'), '1 event shown.');
    expect(await events.first().getAttribute('data-type')).toBe('ArticleImported');
    // From and To are the browser's local times, sent as instants.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page
      .getByLabel('From', { exact: true })
      .fill(shanghaiLocal(new Date(Date.now() + 60_000)));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expectText(page.locator('.audit-count'), 'No event matches these filters.');
    await page
      .getByLabel('From', { exact: true })
      .fill(shanghaiLocal(new Date(Date.now() - 3_600_000)));
    await page.getByLabel('To', { exact: true }).fill(shanghaiLocal(new Date(Date.now() + 60_000)));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expectText(page.locator('.audit-count'), '50 events shown, more to load.');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('gives a standards editor the timeline and the checkpoint, and says the integrity report is not theirs', async () => {
    const { page, context, problems } = await openConsole(browser, server.url, {
      path: `/console/#/audit/${CORPUS_002.id}`,
    });
    await signInWithToken(
      page,
      await server.token({ sub: 'standards-wang', roles: ['standards_editor'] }),
    );
    await expectText(page.locator('ol.audit-events'), 'Correction approved');
    await expectText(
      page.locator('.audit-log'),
      'The integrity report is for auditors and admins.',
    );
    await expectText(page.locator('.audit-verification'), 'Signature verified with key');

    // Live: an editor's note proposed meanwhile joins the timeline and the slider's stops.
    const stops = async () =>
      Number(
        await page.getByRole('slider', { name: 'Replay to', exact: true }).getAttribute('max'),
      );
    expect(await stops()).toBe(history.length - 1);
    const editor = await server.token({ sub: 'editor-li', roles: ['editor'] });
    await call(server, editor, 'POST', `/v1/articles/${CORPUS_002.id}/corrections`, {
      kind: 'editors_note',
      notice: '編者按：本文數據以市政府發布為準。',
    });
    await expectText(page.locator('.audit-count'), `${history.length + 1} events shown`);
    expect(await page.locator('ol.audit-events > li').last().getAttribute('data-type')).toBe(
      'CorrectionProposed',
    );
    await waitUntil(async () => (await stops()) === history.length);
    expect(problems).toEqual([]);
    await context.close();
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
