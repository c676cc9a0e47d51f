import { splitFrontMatter } from './front-matter';
import { MAX_FRONT_MATTER_LENGTH } from './front-matter-bounds';

const withFrontMatter = (yaml: string) => `---\n${yaml}\n---\n正文`;
const refusal = expect.objectContaining({ code: 'invalid_front_matter' });

describe('hostile front matter', () => {
  it.each([
    [
      'deep flow nesting (10,000 levels crashed node in yaml)',
      `a: ${'['.repeat(10000)}${']'.repeat(10000)}`,
    ],
    ['deep nesting of mappings in flow', `a: ${'{b: '.repeat(100)}c${'}'.repeat(100)}`],
    ['deep block nesting on one line', `a:\n${'- '.repeat(100)}x`],
    [
      'deep block nesting by indentation',
      [...Array(70).keys()].map((i) => `${' '.repeat(i)}k:`).join('\n'),
    ],
    ['an alias flood', `a: &a [x]\nb: [${'*a, '.repeat(101)}]`],
    [
      'a billion laughs',
      [
        'a: &a [x,x,x,x,x,x,x,x,x]',
        'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      ].join('\n'),
    ],
    [
      'aliases of a large anchor',
      `a: &a [${'xxxxxxxxxx,'.repeat(3000)}]\nb: [${'*a,'.repeat(20)}]`,
    ],
    ['an alias to nothing', 'a: *nothing'],
    ['more than the size bound', `k: "${'x'.repeat(MAX_FRONT_MATTER_LENGTH)}"`],
    [
      'a duplicate key among thousands',
      [...Array(5000).keys(), 17].map((i) => `k${i}: v`).join('\n'),
    ],
    ['a duplicate key in a nested flow mapping', 'a: {b: 1, c: {d: 1, d: 2}}'],
  ])('is refused with invalid_front_matter: %s', (_name, yaml) => {
    expect(() => splitFrontMatter(withFrontMatter(yaml))).toThrow(refusal);
  });

  it('is read when its nesting, aliases and size are those of real front matter', () => {
    const yaml = [
      `title: "${'['.repeat(70)} in quotes"`,
      "note: 'it''s [not] {flow}' # [[[[ a comment",
      'tags: &tags [a, b]',
      'again: *tags',
      'nested: {a: {b: {c: [1, [2, [3]]]}}}',
      'block:',
      '  - x:',
      '      y: [z]',
      'text: |',
      `  ${'['.repeat(200)}`,
    ].join('\n');
    expect(splitFrontMatter(withFrontMatter(yaml)).metadata).toEqual({
      title: `${'['.repeat(70)} in quotes`,
      note: "it's [not] {flow}",
      tags: ['a', 'b'],
      again: ['a', 'b'],
      nested: { a: { b: { c: [1, [2, [3]]] } } },
      block: [{ x: { y: ['z'] } }],
      text: `${'['.repeat(200)}\n`,
    });
  });

  it('keeps keys that differ in type apart, as YAML does', () => {
    expect(splitFrontMatter(withFrontMatter('1: a\n"1": b')).metadata).toEqual({ 1: 'b' });
  });
});
