import { isHighSurrogate } from './unicode';

/** A piece of text cut into tokens: token `k` is `[bounds[k], bounds[k + 1])`, in UTF-16 units. */
export interface Tokens {
  bounds: number[];
  ids: number[];
}

/** A token this long is cut where its content says (see `chunkEnd`), so floods align too. */
const LONG_TOKEN = 256;
/** Content-defined cuts fall one in 32 positions, never nearer than 16 units to the last. */
const CUT_MASK = 31;
const SHORTEST_CHUNK = 16;

const SENTENCE_END = new Set([...'。！？.!?'].map((end) => end.charCodeAt(0)));
/** Closing marks that still belong to the sentence they end ("他说：“好。”"). */
const CLOSING = new Set([...'”’"\')）」』】》'].map((mark) => mark.charCodeAt(0)));
const LINE_FEED = 10;

/**
 * Cuts texts into lines and sentences (CJK 。！？ as well as .!?) and gives equal tokens equal
 * ids, so that two texts can be aligned token by token before any character is compared. A
 * line or sentence longer than 256 units is cut further where its content says, not at fixed
 * widths: the same text then gives the same chunks wherever it stands, and a character added
 * at the start of a huge line does not shift every chunk after it.
 */
export class TokenTable {
  private readonly ids = new Map<string, number>();

  tokens(text: string, from: number, to: number): Tokens {
    const bounds = [from];
    const ids: number[] = [];
    for (let start = from; start < to;) {
      const sentence = sentenceEnd(text, start, to);
      while (start < sentence) {
        const end = Math.min(sentence, chunkEnd(text, start, sentence));
        bounds.push(end);
        ids.push(this.idOf(text.slice(start, end)));
        start = end;
      }
    }
    return { bounds, ids };
  }

  private idOf(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(token, id);
    }
    return id;
  }
}

/** The end of the line or sentence starting at `start`: after its LF, or after its end marks. */
function sentenceEnd(text: string, start: number, to: number): number {
  for (let unit = start; unit < to; unit += 1) {
    const code = text.charCodeAt(unit);
    if (code === LINE_FEED) return unit + 1;
    if (SENTENCE_END.has(code)) {
      let end = unit + 1;
      while (
        end < to &&
        (SENTENCE_END.has(text.charCodeAt(end)) || CLOSING.has(text.charCodeAt(end)))
      )
        end += 1;
      return end;
    }
  }
  return to;
}

/**
 * Where to cut a token `[start, end)` longer than LONG_TOKEN: after the first unit, at least
 * SHORTEST_CHUNK in, whose hash with the three units before it has its low bits clear; else
 * at LONG_TOKEN. Never inside a surrogate pair.
 */
function chunkEnd(text: string, start: number, end: number): number {
  if (end - start <= LONG_TOKEN) return end;
  const limit = start + LONG_TOKEN;
  for (let unit = start + SHORTEST_CHUNK; unit < limit; unit += 1) {
    if (isHighSurrogate(text.charCodeAt(unit - 1))) continue;
    if ((windowHash(text, unit) & CUT_MASK) === 0) return unit;
  }
  return isHighSurrogate(text.charCodeAt(limit - 1)) ? limit + 1 : limit;
}

/** A hash of the four units before `unit` (FNV-1a, then mixed so the low bits vary). */
function windowHash(text: string, unit: number): number {
  let hash = 0x811c9dc5;
  for (let back = 4; back >= 1; back -= 1) {
    hash = Math.imul(hash ^ text.charCodeAt(unit - back), 0x01000193);
  }
  hash ^= hash >>> 15;
  return Math.imul(hash, 0x2c1b3c6d) >>> 16;
}
