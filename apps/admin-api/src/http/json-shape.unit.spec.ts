import { JsonShapeScanner, MAX_JSON_DEPTH, MAX_JSON_VALUES } from './json-shape';

function scan(text: string, depth = MAX_JSON_DEPTH, values = MAX_JSON_VALUES) {
  return new JsonShapeScanner(depth, values).write(Buffer.from(text));
}

/** Fed in pieces of `size` bytes, as a socket might deliver them. */
function scanInPieces(text: string, size: number, depth: number, values: number) {
  const scanner = new JsonShapeScanner(depth, values);
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) {
    const refusal = scanner.write(bytes.subarray(at, at + size));
    if (refusal) return refusal;
  }
  return undefined;
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('JsonShapeScanner', () => {
  it('lets a body nested exactly to the limit through, and refuses one level more', () => {
    expect(scan(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(scan(nested(MAX_JSON_DEPTH + 1))).toEqual({ kind: 'too_deep', limit: MAX_JSON_DEPTH });
    const objects = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
    expect(scan(objects(MAX_JSON_DEPTH))).toBeUndefined();
    expect(scan(objects(MAX_JSON_DEPTH + 1))).toMatchObject({ kind: 'too_deep' });
  });

  it('counts depth as it stands, not as the sum of siblings', () => {
    const siblings = `[${Array.from({ length: 100 }, () => nested(MAX_JSON_DEPTH - 1)).join(',')}]`;
    expect(scan(siblings)).toBeUndefined();
  });

  it('counts arrays, objects, strings, numbers and literals, but not keys', () => {
    // [ + { + "b" + 1.5e3 + [ + true + false + null + -2 = 9 values.
    const body = '[{"a": "b", "c": 1.5e3, "d": [true, false, null]}, -2]';
    expect(scan(body, 32, 9)).toBeUndefined();
    expect(scan(body, 32, 8)).toEqual({ kind: 'too_complex', limit: 8 });
  });

  it('gives exactly the limit through and refuses one value more', () => {
    const strings = (n: number) => `[${Array.from({ length: n - 1 }, () => '""').join(',')}]`;
    expect(scan(strings(MAX_JSON_VALUES))).toBeUndefined();
    expect(scan(strings(MAX_JSON_VALUES + 1))).toEqual({
      kind: 'too_complex',
      limit: MAX_JSON_VALUES,
    });
    const numbers = (n: number) => `[${Array.from({ length: n - 1 }, (_, i) => i).join(',')}]`;
    expect(scan(numbers(MAX_JSON_VALUES))).toBeUndefined();
    expect(scan(numbers(MAX_JSON_VALUES + 1))).toMatchObject({ kind: 'too_complex' });
  });

  it('ignores brackets, braces, commas and escaped quotes inside strings', () => {
    const tricky = JSON.stringify({
      title: `${'['.repeat(1000)}"quoted" \\ back\\slash ${'{'.repeat(1000)}`,
      content: ',,,,'.repeat(5000),
    });
    expect(scan(tricky, 2, 3)).toBeUndefined();
    expect(scan('["\\\\", "\\"[[[[", "]]]"]', 1, 4)).toBeUndefined();
    // After an escaped backslash the quote closes the string: the brackets after it count.
    expect(scan('["\\\\"' + ',[[]]]', 2, 10)).toEqual({ kind: 'too_deep', limit: 2 });
  });

  it('reads unicode escapes and multi-byte UTF-8 as string content', () => {
    const body = '{"quote": "\\u005b\\u007b\\u0022 陽泉 😀 [[[ \\ud83d\\ude00", "n": [1]}';
    expect(JSON.parse(body)).toBeTruthy();
    // { + "…" + [ + 1 = 4 values, 2 levels.
    expect(scan(body, 2, 4)).toBeUndefined();
    expect(scan(body, 2, 3)).toMatchObject({ kind: 'too_complex' });
    expect(scan(body, 1, 4)).toEqual({ kind: 'too_deep', limit: 1 });
  });

  it('counts the same however the bytes are split, escapes and keys included', () => {
    const body = JSON.stringify({ a: ['x\\"[', { 'k"{': 'v' }, 12345, true], b: null });
    // {} + [] + "x…" + {} + "v" + 12345 + true + null = 8 values, depth 3.
    for (const size of [1, 2, 3, 7]) {
      expect(scanInPieces(body, size, 3, 8)).toBeUndefined();
      expect(scanInPieces(body, size, 3, 7)).toMatchObject({ kind: 'too_complex' });
      expect(scanInPieces(body, size, 2, 8)).toMatchObject({ kind: 'too_deep' });
    }
  });

  it('refuses 5 MiB of hostile shapes within the first bytes past the limit', () => {
    const fiveMiB = 5 * 1024 * 1024;
    expect(scan('['.repeat(fiveMiB))).toMatchObject({ kind: 'too_deep' });
    expect(scan(`[${'{},'.repeat(fiveMiB / 3)}{}]`)).toMatchObject({ kind: 'too_complex' });
    expect(scan(`[${'"",'.repeat(fiveMiB / 3)}""]`)).toMatchObject({ kind: 'too_complex' });
  });
});
