import fc from 'fast-check';
import { type BodyShape, type Path } from './hostile-bodies-shape';
import {
  DANGEROUS_KEYS,
  INVALID_UTF8,
  loneSurrogate,
  oddText,
  parses,
  POLLUTING_VALUES,
  WRONG_MEDIA_TYPES,
  wrongValue,
} from './hostile-bodies-values';

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
