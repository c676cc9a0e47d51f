import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { captureToText, type CaptureFormat } from './capture-to-text';
import { TextError } from './errors';

/**
 * Every rule of the text library takes time linear in its input (issue 14): for each hostile
 * shape, doubling the input may at most about double the time. A quadratic rule quadruples it.
 * Sizes are found per shape (doubled until a run takes MIN_MS), so the test adapts to the
 * machine; times are of this process's CPU, the ratio is of the fastest runs, and a shape over the limit
 * is measured up to twice more, each from a larger size, before the test fails.
 */
const MAX_RATIO = 2.5;
const MIN_MS = 20;
const RUNS = 3;
/** Measurements of a shape before it fails, each from a larger size than the last. */
const ATTEMPTS = 3;

/**
 * A full collection before each pair of runs, so that no run pays for much garbage of runs
 * before it (which made doublings of fast shapes look quadratic).
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Milliseconds of CPU this process spent: other processes on a loaded machine do not count. */
function cpuTime(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function time(format: CaptureFormat, content: string): number {
  const start = cpuTime();
  try {
    captureToText({ format, content });
  } catch (error) {
    // A refusal is an answer too; anything but a TextError would be a 500.
    if (!(error instanceof TextError)) throw error;
  }
  return cpuTime() - start;
}

/**
 * The smallest size from `start`, doubling, at which two captures in a row take MIN_MS each
 * (one can be slowed by a collection or the compiler), or undefined when even 4 MiB is faster.
 */
function calibrate(
  format: CaptureFormat,
  make: (n: number) => string,
  start: number,
): number | undefined {
  for (let n = start; ; n *= 2) {
    const content = make(n);
    if (time(format, content) >= MIN_MS && time(format, content) >= MIN_MS) return n;
    if (content.length > 4 * 1024 * 1024) break;
  }
  return undefined;
}

/**
 * The fastest time at 2n over the fastest at n (other work only ever adds time), the runs of
 * both sizes taken in turn so that a change in the machine's state falls on both. Process CPU time includes the compiler's and the
 * collector's threads: a first run, or one right after a collection, made a doubling look up
 * to twice too fast, so neither is counted.
 */
function ratio(format: CaptureFormat, make: (n: number) => string, n: number): number {
  const small = make(n);
  const large = make(2 * n);
  const times: { small: number[]; large: number[] } = { small: [], large: [] };
  time(format, large);
  for (let run = 0; run < RUNS; run += 1) {
    collectGarbage();
    time(format, small); // pays for the sweeping that follows a full collection
    times.small.push(time(format, small));
    times.large.push(time(format, large));
  }
  return Math.min(...times.large) / Math.min(...times.small);
}

interface Hostile {
  name: string;
  format: CaptureFormat;
  /** The input at size `n` (about `n` times a short piece). */
  make: (n: number) => string;
  start: number;
}

const repeat = (piece: string) => (n: number) => piece.repeat(n);
const lines = (line: (i: number) => string) => (n: number) =>
  Array.from({ length: n }, (_, i) => line(i)).join('\n');
const html = (name: string, make: (n: number) => string, start = 1000): Hostile => ({
  name: `html: ${name}`,
  format: 'html',
  make,
  start,
});
const markdown = (name: string, make: (n: number) => string, start = 1000): Hostile => ({
  name: `markdown: ${name}`,
  format: 'markdown',
  make,
  start,
});
const frontMatter = (name: string, yaml: (n: number) => string, start = 200): Hostile => ({
  name: `front matter: ${name}`,
  format: 'markdown',
  make: (n) => `---\n${yaml(n)}\n---\n正文`,
  start,
});

const HOSTILE_INPUTS: Hostile[] = [
  html('nested <div>s', (n) => '<div>'.repeat(n) + 'x' + '</div>'.repeat(n)),
  html('unclosed <div>s', repeat('<div>x')),
  html('unclosed <p>s', repeat('<p>x')),
  html('unclosed <b>s', repeat('<b>x')),
  html('unclosed <li>s', repeat('<li>x')),
  html('unclosed <table>s', repeat('<table><tr><td>x')),
  html('unclosed <math>s', repeat('<math>x')),
  html('stray end tags in deep nesting', (n) => '<div>'.repeat(n) + '</span>'.repeat(n)),
  html('<pre> with a flood of line breaks', (n) => `<pre>${'\n'.repeat(n)}x</pre>`, 10000),
  html('<br> flood', (n) => `x${'<br>'.repeat(n)}y`),
  html('entity flood', repeat('&amp;&#x1F600;&nbsp')),
  html('unclosed comment', (n) => '<!--' + 'a -- > '.repeat(n), 10000),
  html('unclosed tag and attribute value', (n) => '<a b="' + 'x<a b='.repeat(n)),
  html('long line of Chinese with line breaks', repeat('中\n文 '), 10000),
  html('unclosed <script>', (n) => '<script>' + '</scrip'.repeat(n)),
  markdown('nested blockquotes', (n) => '>'.repeat(n) + ' x', 10000),
  markdown(
    'deep blockquotes on every line',
    lines(() => '>'.repeat(120) + ' x'),
    100,
  ),
  markdown(
    'nested lists',
    lines((i) => ' '.repeat((i % 120) * 2) + '- x'),
    200,
  ),
  markdown('nested lists on one line', (n) => '- '.repeat(n) + 'x', 10000),
  markdown('[ flood', repeat('['), 10000),
  markdown('nested links', (n) => '['.repeat(n) + 'x' + '](u)'.repeat(n)),
  markdown('![ flood', repeat('![')),
  markdown('*a flood', repeat('*a')),
  markdown('_ flood', (n) => '_'.repeat(n) + 'x', 10000),
  markdown('mixed emphasis', repeat('*a **a ')),
  markdown('nested emphasis', (n) => '*'.repeat(n) + 'a' + '*'.repeat(n)),
  markdown('~~ flood', repeat('~~a')),
  markdown(
    'backtick runs',
    lines((i) => '`'.repeat((i % 100) + 1) + 'x'),
  ),
  markdown('< flood', repeat('<'), 10000),
  markdown('unclosed inline tags', repeat('x <b>')),
  markdown('unclosed comments and declarations', repeat('x <!-- <? <![CDATA[ <!X ')),
  markdown(
    'link reference definitions',
    (n) => lines((i) => `[r${i}]: /u${i}`)(n) + '\n\n' + lines((i) => `[r${i}]`)(n),
  ),
  markdown('uses of one reference', (n) => '[a]: /u\n\n' + '[a] '.repeat(n)),
  markdown('unclosed link destinations', repeat('[a](')),
  markdown('entity flood', repeat('&amp;&#x1F600;')),
  markdown('table rows', (n) => 'a|b\n-|-\n' + 'x|y\n'.repeat(n)),
  markdown('blank lines', (n) => 'a' + '\n'.repeat(n) + 'b', 10000),
  markdown('backslash flood', repeat('\\'), 10000),
  frontMatter(
    'many keys',
    lines((i) => `k${i}: v`),
  ),
  frontMatter('flow nesting', (n) => 'a: ' + '['.repeat(n) + ']'.repeat(n), 10000),
  frontMatter('block nesting', (n) => '- '.repeat(n) + 'x', 10000),
  frontMatter('aliases', (n) => `a: &a [x]\nb: [${'*a, '.repeat(n)}]`),
  frontMatter('a huge key', (n) => 'k'.repeat(n) + ': 1', 10000),
  { name: 'text: CRLF flood', format: 'text', make: repeat('\r\n'), start: 10000 },
];

describe('the text rules on hostile input', () => {
  it.each(HOSTILE_INPUTS.map((input) => [input.name, input] as const))(
    'take linear time: %s',
    (_name, { format, make, start }) => {
      const n = calibrate(format, make, start);
      if (n === undefined) return; // 4 MiB in less than MIN_MS: nothing to time
      let measured = ratio(format, make, n);
      // Up to twice more, each from twice the size: a stalled calibration or a one-off step
      // (the heap outgrowing the young generation, a collection while the other test worker
      // loads the machine) passes; a quadratic rule quadruples every time.
      for (let attempt = 1, size = n; attempt < ATTEMPTS && measured > MAX_RATIO; attempt++) {
        const again = calibrate(format, make, (size *= 2));
        if (again === undefined) break;
        size = again;
        measured = ratio(format, make, again);
      }
      expect(measured).toBeLessThanOrEqual(MAX_RATIO);
    },
    60_000,
  );
});
