import fc from 'fast-check';
import { type OpenApiDocument, resolve, type Schema } from './openapi';

/** A place in a JSON body: keys and array indexes from the root. */
export type Path = Array<string | number>;

/** What a body of an operation holds, read from its OpenAPI schema and its valid body. */
export interface BodyShape {
  /** Objects present in the valid body, each with its schema: where unknown keys can go. */
  objects: Array<{ path: Path; known: string[] }>;
  /** Every declared field of those objects, present or not. */
  fields: Array<{ path: Path; schema: Schema; required: boolean; present: boolean }>;
  /** The string values present in the valid body (fields and array items). */
  strings: Path[];
  /** Whether the body must hold something (the schema requires a field). */
  requiresSomething: boolean;
}

export function shapeOf(
  doc: OpenApiDocument,
  schema: Schema | undefined,
  valid: unknown,
): BodyShape {
  const shape: BodyShape = {
    objects: [],
    fields: [],
    strings: [],
    requiresSomething: (schema?.required?.length ?? 0) > 0,
  };
  const walk = (objectSchema: Schema, value: Record<string, unknown>, path: Path) => {
    const properties = objectSchema.properties ?? {};
    shape.objects.push({ path, known: Object.keys(properties) });
    for (const [name, declared] of Object.entries(properties)) {
      const field = resolve(doc, declared);
      const present = Object.hasOwn(value, name);
      const here = [...path, name];
      shape.fields.push({
        path: here,
        schema: field,
        required: objectSchema.required?.includes(name) ?? false,
        present,
      });
      if (!present) continue;
      const child = value[name];
      if (field.type === 'string' && typeof child === 'string') shape.strings.push(here);
      if (field.type === 'object' && isObject(child)) walk(field, child, here);
      if (field.type === 'array' && Array.isArray(child) && field.items !== undefined) {
        const items = resolve(doc, field.items);
        child.forEach((item, index) => {
          if (items.type === 'object' && isObject(item)) walk(items, item, [...here, index]);
          if (items.type === 'string' && typeof item === 'string') {
            shape.strings.push([...here, index]);
          }
        });
      }
    }
  };
  walk(schema ?? { type: 'object', properties: {} }, (valid ?? {}) as Record<string, unknown>, []);
  return shape;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One hostile request, as data (so that fast-check prints and shrinks it): `kind` says what is
 * wrong with it, and so which refusals are right.
 */
export type HostileCase =
  | { kind: 'unknown-field'; at: Path; key: string; value: unknown }
  | { kind: 'wrong-type'; at: Path; value: unknown }
  | { kind: 'missing-field'; at: Path }
  | { kind: 'lone-surrogate'; at: Path; value: string }
  | { kind: 'not-an-object'; value: unknown }
  | { kind: 'malformed-json'; text: string }
  | { kind: 'invalid-utf8'; offset: number; bytes: number[] }
  | { kind: 'deep-nesting'; at: Path; depth: number; shape: 'array' | 'object' }
  | { kind: 'media-type'; contentType: string | undefined; contentEncoding: string | undefined }
  | { kind: 'odd-text'; at: Path; value: string; placement: 'replace' | 'append' }
  | { kind: 'empty-body' };

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

const loneSurrogate = fc
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
const oddText = fc
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
function wrongValue(schema: Schema, required: boolean): fc.Arbitrary<unknown> {
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

const WRONG_MEDIA_TYPES = [
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

const INVALID_UTF8 = [
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

/** Every kind of hostile request that the operation's body allows. */
export function hostileCases(
  shape: BodyShape,
  validText: string,
  options: { method: string },
): fc.Arbitrary<HostileCase> {
  const kinds: Array<fc.Arbitrary<HostileCase>> = [];
  const objects = shape.objects;
  kinds.push(
    fc
      .tuple(
        fc.constantFrom(...objects),
        fc.oneof(fc.constantFrom(...DANGEROUS_KEYS), fc.string({ maxLength: 12 }), loneSurrogate),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...POLLUTING_VALUES)),
      )
      .filter(([object, key]) => !object.known.includes(key))
      .map(([object, key, value]) => ({ kind: 'unknown-field', at: object.path, key, value })),
  );
  if (shape.fields.length > 0) {
    kinds.push(
      fc.constantFrom(...shape.fields).chain((field) =>
        wrongValue(field.schema, field.required).map((value): HostileCase => ({
          kind: 'wrong-type',
          at: field.path,
          value,
        })),
      ),
    );
  }
  const required = shape.fields.filter((field) => field.required && field.present);
  if (required.length > 0) {
    kinds.push(
      fc
        .constantFrom(...required)
        .map((field): HostileCase => ({ kind: 'missing-field', at: field.path })),
    );
  }
  if (shape.strings.length > 0) {
    kinds.push(
      fc
        .tuple(fc.constantFrom(...shape.strings), loneSurrogate)
        .map(([at, value]): HostileCase => ({ kind: 'lone-surrogate', at, value })),
      fc
        .tuple(
          fc.constantFrom(...shape.strings),
          oddText,
          fc.constantFrom('replace' as const, 'append' as const),
        )
        .map(([at, value, placement]): HostileCase => ({ kind: 'odd-text', at, value, placement })),
    );
  }
  kinds.push(
    fc
      .oneof(
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
        fc.string({ maxLength: 12 }),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
      )
      .map((value): HostileCase => ({ kind: 'not-an-object', value })),
    fc
      .oneof(
        fc.integer({ min: 1, max: validText.length - 1 }).map((end) => validText.slice(0, end)),
        fc
          .tuple(
            fc.integer({ min: 0, max: validText.length }),
            fc.constantFrom(
              '{',
              '}',
              '[',
              ']',
              ',',
              ':',
              '"',
              '\\',
              "'",
              'x',
              '\u0000',
              '\n',
              'NaN',
              '/*',
            ),
          )
          .map(([at, piece]) => `${validText.slice(0, at)}${piece}${validText.slice(at)}`),
        fc.constantFrom(
          "{'a':1}",
          '{"a":1,}',
          '{a:1}',
          'undefined',
          'NaN',
          '{"a":01}',
          '{"a":"\\x41"}',
          '{} {}',
          '{"a":1} x',
          ' ',
        ),
      )
      .filter((text) => !parses(text))
      .map((text): HostileCase => ({ kind: 'malformed-json', text })),
    fc
      .tuple(fc.integer({ min: 0, max: validText.length }), fc.constantFrom(...INVALID_UTF8))
      .map(([offset, bytes]): HostileCase => ({ kind: 'invalid-utf8', offset, bytes })),
    fc
      .tuple(
        fc.constantFrom<Path>([], ...shape.fields.map((field) => field.path)),
        fc.integer({ min: 33, max: 5000 }),
        fc.constantFrom('array' as const, 'object' as const),
      )
      .map(([at, depth, nesting]): HostileCase => ({
        kind: 'deep-nesting',
        at,
        depth,
        shape: nesting,
      })),
    fc
      .tuple(
        fc.constantFrom(
          ...WRONG_MEDIA_TYPES.filter(
            (type) => !(options.method === 'PATCH' && type === 'application/merge-patch+json'),
          ),
          'application/json',
        ),
        fc.constantFrom(undefined, 'gzip', 'deflate', 'br', 'identity, gzip'),
      )
      .filter(([type, encoding]) => type !== 'application/json' || encoding !== undefined)
      .map(([contentType, contentEncoding]): HostileCase => ({
        kind: 'media-type',
        contentType,
        contentEncoding,
      })),
    fc.constant<HostileCase>({ kind: 'empty-body' }),
  );
  return fc.oneof(...kinds);
}

/** A deep copy of `value` with `at` set (or, with `remove`, deleted); keys become own keys. */
export function setAt(value: unknown, at: Path, replacement: unknown, remove = false): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  if (at.length === 0) return replacement;
  let parent = copy as Record<string | number, unknown>;
  for (const step of at.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  if (remove) delete parent[last];
  // defineProperty, so that "__proto__" becomes an own key, serialised as the attacker sends it.
  else
    Object.defineProperty(parent, last, {
      value: replacement,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

export function getAt(value: unknown, at: Path): unknown {
  let current = value as Record<string | number, unknown> | undefined;
  for (const step of at) current = current?.[step] as Record<string | number, unknown> | undefined;
  return current;
}

export interface HostileRequest {
  headers: Record<string, string>;
  body: Buffer;
  /** Which answers are right: status and code. */
  allowed: Array<{ status: number; code?: string }>;
}

const VALIDATION = { status: 400, code: 'validation_failed' };
const MALFORMED = { status: 400, code: 'malformed_json' };
const TOO_DEEP = { status: 400, code: 'body_too_deep' };

/**
 * The request of a case, built from the operation's valid body, and the refusals that are
 * right for it. `odd-text` and an empty body may be valid requests: they go with a stale
 * `If-Match`, so that a valid one ends in 412 at the store instead of an append (`accepted`).
 */
export function requestOf(
  hostile: HostileCase,
  valid: unknown,
  shape: BodyShape,
  staleIfMatch: boolean,
  accepted: { status: number; code?: string },
): HostileRequest {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (staleIfMatch) headers['If-Match'] = '"999"';
  switch (hostile.kind) {
    case 'unknown-field': {
      const body = JSON.parse(JSON.stringify(valid)) as unknown;
      const target = getAt(body, hostile.at) as object;
      Object.defineProperty(target, hostile.key, {
        value: hostile.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return { headers, body: json(body), allowed: [VALIDATION] };
    }
    case 'wrong-type':
      return {
        headers,
        body: json(setAt(valid, hostile.at, hostile.value)),
        allowed: [VALIDATION],
      };
    case 'missing-field':
      return {
        headers,
        body: json(setAt(valid, hostile.at, undefined, true)),
        allowed: [VALIDATION],
      };
    case 'lone-surrogate':
      // JSON.stringify writes a lone surrogate as the escape \udxxx, as an attacker would.
      return {
        headers,
        body: json(setAt(valid, hostile.at, hostile.value)),
        allowed: [{ status: 422, code: 'invalid_unicode' }, VALIDATION],
      };
    case 'not-an-object':
      return { headers, body: json(hostile.value), allowed: [VALIDATION] };
    case 'malformed-json':
      return { headers, body: Buffer.from(hostile.text), allowed: [MALFORMED] };
    case 'invalid-utf8': {
      const bytes = json(valid);
      const body = Buffer.concat([
        bytes.subarray(0, hostile.offset),
        Buffer.from(hostile.bytes),
        bytes.subarray(hostile.offset),
      ]);
      return { headers, body, allowed: [MALFORMED] };
    }
    case 'deep-nesting': {
      const marker = '"deep-nesting-marker"';
      const deep =
        hostile.shape === 'array'
          ? `${'['.repeat(hostile.depth)}${']'.repeat(hostile.depth)}`
          : `${'{"a":'.repeat(hostile.depth)}1${'}'.repeat(hostile.depth)}`;
      const text = JSON.stringify(setAt(valid, hostile.at, 'deep-nesting-marker')).replace(
        marker,
        deep,
      );
      return { headers, body: Buffer.from(text), allowed: [TOO_DEEP] };
    }
    case 'media-type': {
      const mediaHeaders: Record<string, string> = staleIfMatch ? { 'If-Match': '"999"' } : {};
      if (hostile.contentType !== undefined) mediaHeaders['Content-Type'] = hostile.contentType;
      if (hostile.contentEncoding !== undefined)
        mediaHeaders['Content-Encoding'] = hostile.contentEncoding;
      return {
        headers: mediaHeaders,
        body: json(valid),
        allowed: [{ status: 415, code: 'unsupported_media_type' }],
      };
    }
    case 'odd-text': {
      const before = getAt(valid, hostile.at) as string;
      const text = hostile.placement === 'replace' ? hostile.value : `${before}${hostile.value}`;
      return {
        headers: { ...headers, 'If-Match': '"999"' },
        body: json(setAt(valid, hostile.at, text)),
        allowed: [accepted, VALIDATION, { status: 422 }],
      };
    }
    case 'empty-body':
      return {
        headers: { ...headers, 'If-Match': '"999"' },
        body: Buffer.alloc(0),
        allowed: shape.requiresSomething ? [VALIDATION] : [VALIDATION, accepted],
      };
  }
}
