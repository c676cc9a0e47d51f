/**
 * Requests shaped to hurt: bodies that cost memory before they are checked, captures whose text
 * rules could go super-linear, text that cuts grapheme clusters at chunk edges. Each is built
 * before it is sent, so that building it does not slow the probe measuring the server.
 */
export interface HostileRequest {
  name: string;
  /** Where it goes; `{article}` is replaced by an article of the server. */
  path: string;
  role: 'editor' | 'fact_checker';
  body: () => string;
  /** Statuses a correct server may answer; anything else, or a 5xx, fails. */
  expected: readonly number[];
}

const MiB = 1024 * 1024;
let counter = 0;

/** An article import of `content` in `format`, with a source URL of its own. */
export function importBody(format: 'text' | 'html' | 'markdown', content: string): string {
  counter += 1;
  return JSON.stringify({
    title: `Hostile capture ${counter}`,
    language: 'zh-Hans',
    format,
    content,
    source: { url: `https://hostile.example/${process.pid}/${Date.now()}/${counter}` },
  });
}

/** An import may be taken, or refused with a problem: no text (400), a text rule (422). */
const imported = [201, 400, 422];

/** An import of a capture in `format`, as a hostile request named `name`. */
const capture =
  (format: 'text' | 'html' | 'markdown') =>
  (name: string, content: () => string): HostileRequest => ({
    name,
    path: '/v1/articles',
    role: 'editor',
    expected: imported,
    body: () => importBody(format, content()),
  });

const html = capture('html');
const markdown = capture('markdown');
const text = capture('text');

/** `count` copies of `open`, then as many of `close`: a value nested `count` deep. */
const nested = (open: string, close: string, count: number) =>
  open.repeat(count) + close.repeat(count);

export const HOSTILE_REQUESTS: HostileRequest[] = [
  {
    name: 'an import whose title is an array nested 2.5 million deep (5 MB)',
    path: '/v1/articles',
    role: 'editor',
    expected: [400],
    body: () =>
      `{"title":${nested('[', ']', 2_500_000)},"format":"text","content":"x","source":{"url":"https://hostile.example/deep"}}`,
  },
  {
    name: 'an import with 1.6 million empty objects (5 MB)',
    path: '/v1/articles',
    role: 'editor',
    expected: [400],
    body: () =>
      `{"title":"x","format":"text","content":"x","metadata":[${'{},'.repeat(1_650_000)}{}]}`,
  },
  {
    name: 'an import with 1.6 million empty strings (5 MB)',
    path: '/v1/articles',
    role: 'editor',
    expected: [400],
    body: () =>
      `{"title":"x","format":"text","content":"x","topics":[${'"",'.repeat(1_650_000)}""]}`,
  },
  {
    name: 'a claim whose selector is an object nested 300,000 deep (1 MB)',
    path: '/v1/articles/{article}/claims',
    role: 'fact_checker',
    expected: [400],
    body: () => `{"selector":${nested('{"a":', '}', 150_000).replace(/:}/, ':1}')}}`,
  },
  html('HTML: <pre> with 200,000 newlines', () => `<pre>${'\n'.repeat(200_000)}x</pre>`),
  html('HTML: 400,000 nested <div>s', () => `${'<div>'.repeat(400_000)}x`),
  html('HTML: 600,000 unclosed <b>s', () => '<b>x'.repeat(600_000)),
  html('HTML: 600,000 unclosed <p>s', () => '<p>x'.repeat(600_000)),
  html('HTML: 300,000 unclosed <table><tr><td>s', () => '<table><tr><td>x'.repeat(150_000)),
  html('HTML: 900,000 entities', () => `<p>${'&amp;&#x1F600;'.repeat(300_000)}</p>`),
  html('HTML: an unclosed comment of 4 MiB', () => `<p>x</p><!--${'a'.repeat(4 * MiB)}`),
  html('HTML: an unclosed attribute of 4 MiB', () => `<p>x</p><a href="${'a'.repeat(4 * MiB)}`),
  html('HTML: one line of 4 MiB', () => `<p>${'ab '.repeat(1_400_000)}</p>`),
  markdown('Markdown: 100,000 nested block quotes', () => `${'>'.repeat(100_000)} x`),
  markdown('Markdown: 1,000,000 unmatched [', () => `x${'['.repeat(1_000_000)}`),
  markdown('Markdown: 500,000 *a emphasis openers', () => '*a'.repeat(500_000)),
  markdown('Markdown: 500,000 _ and * alternating', () => '_*'.repeat(500_000)),
  markdown('Markdown: 1,000,000 backticks', () => `x${'`'.repeat(1_000_000)}`),
  markdown('Markdown: 100,000 nested list markers', () => `${'- '.repeat(100_000)}x`),
  markdown(
    'Markdown: 200,000 link references',
    () => `${'[a]: /u\n'.repeat(200_000)}\n${'[a]'.repeat(100_000)}`,
  ),
  markdown('Markdown: 500,000 < without a tag', () => `x${'<'.repeat(500_000)}`),
  markdown(
    'Markdown front matter nested 200,000 deep',
    () => `---\na: ${nested('[', ']', 200_000)}\n---\nx`,
  ),
  markdown(
    'Markdown front matter with 100,000 aliases',
    () => `---\na: &a x\nb: [${'*a,'.repeat(100_000)}*a]\n---\nx`,
  ),
  text('text: one line of 4 MiB', () => 'ab'.repeat(2 * MiB)),
  text('text: 1.2 million CR LF', () => `x${'\r\n'.repeat(1_200_000)}x`),
  text('text: 1 million regional indicators', () => `가${'🇺🇸🇫🇷'.repeat(250_000)}`),
  text('text: 2 million combining marks on one letter', () => `e${'\u0301'.repeat(2_000_000)}`),
];
