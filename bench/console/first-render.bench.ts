/*
 * The reader's time to first render in Chromium: a 6,000-character article (mixed CJK, Latin
 * and emoji) with 500 claims, and the same text with none as the reference, both imported and
 * captured through the API of the real server (compiled, as for `http`), read by Debian's
 * Chromium through the console it serves. A sample is one fresh tab: from its navigation start
 * (performance.now() = 0) to the moment a MutationObserver, installed before the page's own
 * script, sees the article's whole text in the DOM with every mark; then the next frame. Long
 * tasks (PerformanceObserver 'longtask') during that load are counted.
 *
 * `npm run bench -- --only=console` runs it; it builds the console (dist/console) first.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { launchBrowser } from '../../test/console/support/browser';
import { pick, type Row, type Scenario } from '../scenario';
import { round, summarize, type Summary } from '../stats';
import { type BenchServer, startServer } from '../support/server';
import { buildServer } from '../support/server-build';
import { benchArticleText, claimSpans } from './article';

const ROOT = join(__dirname, '..', '..');
const CLAIMS = 500;

interface Sample {
  /** ms from navigation start to the text and its marks in the DOM. */
  dom: number;
  /** ms from navigation start to the frame after that. */
  frame: number;
  /** ms from the view's response (its last byte) to the text and marks in the DOM: the render itself. */
  render: number;
  longTasks: number;
  longestTaskMs: number;
}

interface Article {
  id: string;
  marks: number;
}

export const consoleScenario: Scenario = {
  name: 'console',
  async run(context) {
    context.log('console: building the console and the server');
    execFileSync(process.execPath, [join(ROOT, 'apps', 'console', 'build.js')], { stdio: 'pipe' });
    const build = buildServer(join(context.scratch, 'console-server-build'));
    const server = await startServer(build, join(context.scratch, 'console-data'), {
      RATE_LIMIT_PER_MINUTE: '999999999',
    });
    let browser: Browser | undefined;
    try {
      const token = await server.token({ sub: 'bench-editor', roles: ['editor'] });
      const text = benchArticleText(6000);
      const annotated = await importArticle(server, token, text, 'annotated');
      const empty = await importArticle(server, token, text, 'empty');
      context.log(`console: capturing ${CLAIMS} claims through the API`);
      await captureClaims(server, token, annotated.id, text, CLAIMS);
      annotated.marks = await markCount(server, token, annotated.id);
      empty.marks = await markCount(server, token, empty.id);

      browser = await launchBrowser();
      const runs = pick(context, 15, 5);
      const samples: Record<'annotated' | 'empty', Sample[]> = { annotated: [], empty: [] };
      // A warm-up of each, then the two articles in turns, so a burst of other work slows both alike.
      await firstRender(browser, server, token, annotated, text);
      await firstRender(browser, server, token, empty, text);
      for (let run = 0; run < runs; run += 1) {
        samples.annotated.push(await firstRender(browser, server, token, annotated, text));
        samples.empty.push(await firstRender(browser, server, token, empty, text));
      }
      const dom = {
        annotated: summarize(samples.annotated.map((s) => s.dom)),
        empty: summarize(samples.empty.map((s) => s.dom)),
      };
      const frame = {
        annotated: summarize(samples.annotated.map((s) => s.frame)),
        empty: summarize(samples.empty.map((s) => s.frame)),
      };
      const render = {
        annotated: summarize(samples.annotated.map((s) => s.render)),
        empty: summarize(samples.empty.map((s) => s.render)),
      };
      const longest = Math.max(...samples.annotated.map((s) => s.longestTaskMs));
      const rows: Row[] = [
        row(`ms to the text and ${CLAIMS} claims' marks in the DOM`, dom.annotated),
        row('ms to the same text without annotations (reference)', dom.empty),
        row(`ms to the next frame, ${CLAIMS} claims`, frame.annotated),
        row(`ms from the view's arrival to the DOM, ${CLAIMS} claims`, render.annotated),
        row("ms from the view's arrival to the DOM, no annotations", render.empty),
      ];
      return {
        rows,
        details: {
          method:
            'MutationObserver from an init script: navigation start to the text and every mark in the DOM; then requestAnimationFrame; render = that moment minus the responseEnd of the /view request (Resource Timing)',
          codePoints: Array.from(text).length,
          utf16Length: text.length,
          claims: CLAIMS,
          marks: { annotated: annotated.marks, empty: empty.marks },
          runs,
          dom,
          frame,
          render,
          longTasks: {
            annotatedPerLoad: summarize(samples.annotated.map((s) => s.longTasks)),
            emptyPerLoad: summarize(samples.empty.map((s) => s.longTasks)),
            longestMs: round(longest),
          },
          samples,
        },
      };
    } finally {
      await browser?.close();
      await server.stop();
    }
  },
};

function row(measure: string, summary: Summary): Row {
  return {
    scenario: 'console',
    measure,
    target: '',
    median: summary.median,
    p99: summary.max,
    pass: null,
    note: `min ${summary.min}, max ${summary.max}, n ${summary.n}`,
  };
}

async function api<T>(
  server: BenchServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function importArticle(
  server: BenchServer,
  token: string,
  content: string,
  name: string,
): Promise<Article> {
  const { id } = await api<{ id: string }>(server, token, 'POST', '/v1/articles', {
    title: `首次渲染基准 ${name}`,
    language: 'zh-Hans',
    format: 'text',
    content,
    source: { url: `https://bench.example/${name}`, publisher: 'Bench', publishedAt: null },
  });
  return { id, marks: 0 };
}

/** Position-only selectors on grapheme boundaries, eight requests at a time. */
async function captureClaims(
  server: BenchServer,
  token: string,
  articleId: string,
  text: string,
  count: number,
): Promise<void> {
  const spans = claimSpans(text, count);
  let next = 0;
  const worker = async () => {
    while (next < spans.length) {
      const { start, end } = spans[next++]!;
      await api(server, token, 'POST', `/v1/articles/${articleId}/claims`, {
        selector: { start, end },
        statement: `基准说法 ${start}–${end}`,
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function markCount(server: BenchServer, token: string, articleId: string): Promise<number> {
  const view = await api<{ segments: Array<{ annotationIds: string[] }> }>(
    server,
    token,
    'GET',
    `/v1/articles/${articleId}/view`,
  );
  return view.segments.filter((segment) => segment.annotationIds.length > 0).length;
}

/** One fresh tab, signed in through its session storage, timed by the page itself. */
async function firstRender(
  browser: Browser,
  server: BenchServer,
  token: string,
  article: Article,
  text: string,
): Promise<Sample> {
  const context = await browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
  });
  try {
    await context.addInitScript(
      ({ token, marks, length }) => {
        sessionStorage.setItem('marginalia.session', JSON.stringify({ token, via: 'token' }));
        localStorage.setItem('marginalia.locale', 'en');
        const result = { dom: -1, frame: -1, longTasks: [] as number[] };
        (window as unknown as { __firstRender: typeof result }).__firstRender = result;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) result.longTasks.push(entry.duration);
        }).observe({ type: 'longtask', buffered: true });
        const observer = new MutationObserver(() => {
          const root = document.querySelector('.article-text');
          if (!root || root.querySelectorAll('mark').length < marks) return;
          if ((root.textContent ?? '').length < length) return;
          result.dom = performance.now();
          observer.disconnect();
          requestAnimationFrame(() =>
            requestAnimationFrame(() => (result.frame = performance.now())),
          );
        });
        observer.observe(document, { childList: true, subtree: true, characterData: true });
      },
      { token, marks: article.marks, length: text.length },
    );
    const page = await context.newPage();
    await page.goto(`${server.url}/console/#/articles/${article.id}`);
    await page.waitForFunction(
      () => (window as unknown as { __firstRender: { frame: number } }).__firstRender.frame > 0,
      undefined,
      { timeout: 30_000 },
    );
    const result = await page.evaluate(
      () =>
        (
          window as unknown as {
            __firstRender: { dom: number; frame: number; longTasks: number[] };
          }
        ).__firstRender,
    );
    const viewArrived = await page.evaluate(() =>
      Math.max(
        ...performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.endsWith('/view'))
          .map((entry) => (entry as PerformanceResourceTiming).responseEnd),
      ),
    );
    return {
      dom: result.dom,
      frame: result.frame,
      render: result.dom - viewArrived,
      longTasks: result.longTasks.length,
      longestTaskMs: Math.max(0, ...result.longTasks),
    };
  } finally {
    await context.close();
  }
}
