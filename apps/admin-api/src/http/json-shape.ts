/** Deeper JSON than any request of the API needs (a selector inside a claim is 2 levels). */
export const MAX_JSON_DEPTH = 32;
/**
 * More values (arrays, objects, strings, numbers, literals; not keys) than any request of the
 * API holds: the largest, a verdict with its 100 sources of 5 values each, has about 510, and
 * an import of 5 MiB of text has about 10 (its text is one string). 10,000 leaves 20 times that,
 * and keeps what `JSON.parse` and the validation build from a body to a few megabytes.
 */
export const MAX_JSON_VALUES = 10_000;

export type JsonShapeRefusal =
  { kind: 'too_deep'; limit: number } | { kind: 'too_complex'; limit: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;

function indexOrEnd(bytes: Uint8Array, byte: number, from: number): number {
  const at = bytes.indexOf(byte, from);
  return at < 0 ? bytes.length : at;
}

/** Bytes that end a number or literal (`true`, `false`, `null`) outside a string. */
function isDelimiter(byte: number): boolean {
  return (
    byte === 0x20 ||
    byte === 0x09 ||
    byte === 0x0a ||
    byte === 0x0d ||
    byte === COMMA ||
    byte === COLON ||
    byte === OPEN_ARRAY ||
    byte === CLOSE_ARRAY ||
    byte === OPEN_OBJECT ||
    byte === CLOSE_OBJECT ||
    byte === QUOTE
  );
}

/**
 * Counts the nesting depth and the values of a JSON text as its bytes arrive, in one pass and
 * constant memory, so that a hostile body is refused before `JSON.parse` builds it (a 5 MiB
 * `[[[[…` or `["","",…]` costs hundreds of megabytes once parsed). It checks no syntax:
 * `JSON.parse` does that once the shape is known to be small. For any valid JSON its counts
 * are exact; for invalid JSON they are whatever they are, and the parse refuses it anyway.
 * UTF-8 needs no decoding here: no byte of a multi-byte sequence is ASCII.
 */
export class JsonShapeScanner {
  private depth = 0;
  private values = 0;
  private inString = false;
  private escaped = false;
  private inScalar = false;
  /** Whether the next string is a key: after `{`, or after `,` inside an object. */
  private keyNext = false;
  /** 1 for an object, 0 for an array, at each open depth (never more than the limit). */
  private readonly containers = new Uint8Array(MAX_JSON_DEPTH + 1);

  constructor(
    private readonly maxDepth = MAX_JSON_DEPTH,
    private readonly maxValues = MAX_JSON_VALUES,
  ) {
    if (maxDepth > MAX_JSON_DEPTH) throw new RangeError(`maxDepth is at most ${MAX_JSON_DEPTH}`);
  }

  /** The first limit the bytes so far break, or undefined; feed the chunks in order. */
  write(bytes: Uint8Array): JsonShapeRefusal | undefined {
    // Where the next quote and backslash are, found natively: strings are most of a body.
    let quoteAt = -1;
    let backslashAt = -1;
    for (let i = 0; i < bytes.length; i++) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        if (quoteAt < i) quoteAt = indexOrEnd(bytes, QUOTE, i);
        if (backslashAt < i) backslashAt = indexOrEnd(bytes, BACKSLASH, i);
        i = Math.min(quoteAt, backslashAt);
        if (i === bytes.length) break;
        if (i === backslashAt) this.escaped = true;
        else this.inString = false;
        continue;
      }
      const byte = bytes[i]!;
      if (!isDelimiter(byte)) {
        if (!this.inScalar) {
          this.inScalar = true;
          if (++this.values > this.maxValues) return this.tooComplex();
        }
        continue;
      }
      this.inScalar = false;
      if (byte === QUOTE) {
        this.inString = true;
        if (this.keyNext) this.keyNext = false;
        else if (++this.values > this.maxValues) return this.tooComplex();
      } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
        if (++this.values > this.maxValues) return this.tooComplex();
        if (++this.depth > this.maxDepth) return { kind: 'too_deep', limit: this.maxDepth };
        this.containers[this.depth] = byte === OPEN_OBJECT ? 1 : 0;
        this.keyNext = byte === OPEN_OBJECT;
      } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
        if (this.depth > 0) this.depth--;
        this.keyNext = false;
      } else if (byte === COMMA) {
        this.keyNext = this.depth > 0 && this.containers[this.depth] === 1;
      } else if (byte === COLON) {
        this.keyNext = false;
      }
    }
    return undefined;
  }

  private tooComplex(): JsonShapeRefusal {
    return { kind: 'too_complex', limit: this.maxValues };
  }
}
