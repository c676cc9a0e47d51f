import fc from 'fast-check';
import { type Schema } from './openapi';

/** The keys, values and texts an attacker puts in a body, and the bytes and headers around it. */
/** The keys of a prototype-pollution attack, and names that objects inherit. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
];

/** Keys an attacker tries: prototype pollution, and the actor or roles from the body. */
export const DANGEROUS_KEYS = [
  ...PROTOTYPE_KEYS,
  'actor',
  'actorId',
  'sub',
  'roles',
  'createdBy',
  'approvedBy',
  'draftedBy',
  'proposedBy',
  'isAdmin',
  '',
];

/** Values that would pollute a prototype if a key above reached a naive merge. */
export const POLLUTING_VALUES = [
  '{"polluted":"yes","isAdmin":true}',
  '{"prototype":{"polluted":"yes"}}',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
].map((text) => JSON.parse(text) as unknown);

export const loneSurrogate = fc
  .tuple(
    fc.string({ maxLength: 6 }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.string({ maxLength: 6 }),
  )
  .map(([before, unit, after]) => `${before}${String.fromCharCode(unit)}${after}`);

const CONTROL = [...Array(32).keys(), 0x7f, 0x85, 0x9f].map((code) => String.fromCharCode(code));
/** Text that is legal but unusual: decomposed (not NFC), compatibility, invisible, bidi, astral. */
const ODD_PIECES = [
  'e\u0301',
  'A\u030a',
  '\u1100\u1161\u11a8',
  '\u212b',
  '\ufb01',
  'ﾊﾟ',
  '\u202e',
  '\u2066',
  '\u200b',
  '\ufeff',
  '\u2028',
  '\u2029',
  '\u00a0',
  '𠀾',
  '👩🏽‍💻',
  '🇨🇳',
  'ǅ',
];
export const oddText = fc
  .array(
    fc.oneof(
      fc.string({ unit: fc.constantFrom(...CONTROL), minLength: 1, maxLength: 4 }),
      fc.constantFrom(...ODD_PIECES),
      fc.string({ maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((pieces) => pieces.join(''))
  .filter((text) => /[^\x20-\x7e]/.test(text));

/** A JSON value of another type than the schema's (null only where a field must be present). */
export function wrongValue(schema: Schema, required: boolean): fc.Arbitrary<unknown> {
  const type = schema.type;
  const options: Array<fc.Arbitrary<unknown>> = [fc.boolean()];
  if (type !== 'string') options.push(fc.string({ maxLength: 8 }));
  if (type !== 'number' && type !== 'integer') {
    options.push(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  }
  if (type !== 'array') options.push(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }));
  if (type !== 'object') {
    options.push(
      fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    );
  }
  if (required && !schema.nullable) options.push(fc.constant(null));
  if (schema.enum !== undefined) {
    const allowed = schema.enum;
    options.push(fc.string({ maxLength: 12 }).filter((value) => !allowed.includes(value)));
  }
  if (type === 'array' && schema.items?.type === 'string') {
    options.push(
      fc.array(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)), {
        minLength: 1,
        maxLength: 3,
      }),
    );
  }
  return fc.oneof(...options);
}

/** One value of each JSON type that the schema does not allow: the exhaustive counterpart. */
export function wrongExamples(schema: Schema, required: boolean): unknown[] {
  const type = schema.type;
  const examples: unknown[] = [true];
  if (type !== 'string') examples.push('1');
  if (type !== 'number' && type !== 'integer') examples.push(1);
  if (type !== 'array') examples.push(['1']);
  if (type !== 'object') examples.push({ value: '1' });
  if (required && !schema.nullable) examples.push(null);
  if (schema.enum !== undefined) examples.push('not_one_of_the_enum');
  if (type === 'array' && schema.items?.type === 'string') examples.push([1]);
  return examples;
}

export const WRONG_MEDIA_TYPES = [
  undefined,
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/jsonp',
  'application/json; charset=iso-8859-1',
  'application/json; charset=utf-16',
  'application/problem+json',
  'application/merge-patch+json',
  '*/*',
];

export const INVALID_UTF8 = [
  [0xff],
  [0x80],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];

/** Strips a UTF-8 byte order mark, which a JSON parser may ignore (RFC 8259 §8.1). */
export function parses(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\ufeff/, ''));
    return true;
  } catch {
    return false;
  }
}
