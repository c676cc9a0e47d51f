// Where the store's reader puts the chain hash in an event's canonical metadata, found in the
// stored bytes without parsing them (sqlite-leaf-worker.ts).

/** Where the member "hash" goes in the metadata, and how it is joined to its neighbours. */
export interface HashMember {
  index: number;
  last?: boolean;
  alone?: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HASH_KEY = [0x68, 0x61, 0x73, 0x68]; // "hash"

/**
 * Where the member "hash" goes in canonical metadata (RFC 8785 orders members by the UTF-16 code
 * units of their names): before the first top-level name that sorts after it, else last.
 * Undefined when the text is not what serializeEvent writes (not an object, a name written with
 * an escape, a "hash" already there): the caller then parses the row as the store does.
 *
 * Names are compared as UTF-8 bytes: against the ASCII "hash", byte order and UTF-16 order agree
 * (they differ only between two characters beyond ASCII).
 */
export function hashAt(json: Uint8Array, start = 0, end = json.length): HashMember | undefined {
  if (json[start] !== 0x7b || json[end - 1] !== 0x7d) return undefined;
  let index = start + 1;
  if (end - start === 2) return { index, alone: true };
  for (;;) {
    if (json[index] !== QUOTE) return undefined;
    const nameEnd = stringEnd(json, index, end);
    if (nameEnd < 0) return undefined;
    const order = compareName(json, index + 1, nameEnd);
    if (order === undefined || order === 0) return undefined;
    if (order > 0) return { index };
    if (json[nameEnd + 1] !== 0x3a) return undefined;
    const valueEnd = skipValue(json, nameEnd + 2, end);
    if (valueEnd < 0) return undefined;
    if (valueEnd === end - 1) return { index: valueEnd, last: true };
    if (json[valueEnd] !== 0x2c) return undefined;
    index = valueEnd + 1;
  }
}

/** The index of the quote closing the string that opens at `start`, or -1. */
function stringEnd(json: Uint8Array, start: number, end: number): number {
  for (let index = start + 1; index < end; index += 1) {
    const byte = json[index];
    if (byte === BACKSLASH) index += 1;
    else if (byte === QUOTE) return index;
  }
  return -1;
}

/** The name's order against "hash"; undefined for a name written with an escape. */
function compareName(json: Uint8Array, start: number, end: number): number | undefined {
  for (let index = start; index < end; index += 1) {
    if (json[index] === BACKSLASH) return undefined;
  }
  const length = end - start;
  for (let offset = 0; offset < Math.min(length, 4); offset += 1) {
    const difference = json[start + offset]! - HASH_KEY[offset]!;
    if (difference !== 0) return difference;
  }
  return length - 4;
}

/** The index just after the value that starts at `start` (a comma or the closing brace), or -1. */
function skipValue(json: Uint8Array, start: number, end: number): number {
  let depth = 0;
  for (let index = start; index < end; index += 1) {
    const byte = json[index];
    if (byte === QUOTE) {
      index = stringEnd(json, index, end);
      if (index < 0) return -1;
    } else if (byte === 0x7b || byte === 0x5b) depth += 1;
    else if (byte === 0x7d || byte === 0x5d) {
      if (depth === 0) return index;
      depth -= 1;
    } else if (byte === 0x2c && depth === 0) return index;
  }
  return -1;
}
