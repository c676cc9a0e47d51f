import fc from 'fast-check';
import { canonicalJson, CanonicalJsonError } from './canonical-json';

describe('canonical JSON', () => {
  it('sorts keys by UTF-16 code units at every depth and writes no white space', () => {
    const value = {
      b: 1,
      a: { d: [3, { z: true, y: null }], c: '陽泉' },
      B: 'upper',
      é: 0,
      '𠀾': 1,
    };
    expect(canonicalJson(value)).toBe(
      '{"B":"upper","a":{"c":"陽泉","d":[3,{"y":null,"z":true}]},"b":1,"é":0,"𠀾":1}',
    );
  });

  it('leaves out undefined members, as JSON does', () => {
    expect(canonicalJson({ reason: undefined, actor: 'system' })).toBe('{"actor":"system"}');
  });

  it('escapes strings as JSON.stringify does, lone surrogates included', () => {
    expect(canonicalJson({ s: 'a"b\\c\n\u2028\ud800' })).toBe('{"s":"a\\"b\\\\c\\n\u2028\\ud800"}');
  });

  it.each([
    ['NaN', { n: Number.NaN }, '$.n is not a finite number'],
    ['Infinity', { n: Infinity }, '$.n is not a finite number'],
    ['a bigint', { n: 1n }, '$.n is a bigint'],
    ['a Date', { at: new Date(0) }, '$.at is not a plain object'],
    ['undefined in an array', { list: [1, undefined] }, '$.list[1] is undefined'],
    ['a function', { f: () => 1 }, '$.f is a function'],
  ])('refuses %s, naming where it is', (_name, value, message) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('gives the same text after a round trip through JSON.parse, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { seed: 20240308, numRuns: 300 },
    );
  });

  it('orders keys that look like array indexes as text, and keeps a __proto__ member', () => {
    // JavaScript objects enumerate integer-like keys first and in numeric order.
    expect(canonicalJson({ b: 0, '10': 1, '9': 2, '4294967295': 3 })).toBe(
      '{"10":1,"4294967295":3,"9":2,"b":0}',
    );
    expect(canonicalJson(JSON.parse('{"b":2,"__proto__":{"x":1}}'))).toBe(
      '{"__proto__":{"x":1},"b":2}',
    );
  });

  it('equals a plain reference writer for any JSON value, digit keys included', () => {
    const reference = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      if (value !== null && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        const keys = Object.keys(record).sort();
        return `{${keys.map((key) => `${JSON.stringify(key)}:${reference(record[key])}`).join(',')}}`;
      }
      return JSON.stringify(value);
    };
    const key = fc.oneof(fc.string(), fc.nat({ max: 5000 }).map(String), fc.constant('__proto__'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 6 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { seed: 20261124, numRuns: 500 },
    );
  });

  it('does not depend on the order in which keys were inserted', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
      { seed: 20240308, numRuns: 200 },
    );
  });
});
