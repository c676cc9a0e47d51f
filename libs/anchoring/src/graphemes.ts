/**
 * Characters that can belong to the same grapheme cluster as the character before them
 * (UAX #29 GB3, GB6–GB9c, GB11–GB13): extenders, ZWJ, spacing marks, regional indicators,
 * Hangul jamo and syllables, and the consonants of the scripts with conjunct rules.
 */
const JOINS_PREVIOUS =
  /[\p{Grapheme_Extend}\p{Emoji_Modifier}\p{Mc}\p{Regional_Indicator}\p{Script=Hangul}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Telugu}\p{Script=Malayalam}\u200D\u0E33\u0EB3]/u;

/**
 * Characters that can belong to the same grapheme cluster as the character after them: CR,
 * format characters (ZWJ and the prepended concatenation marks), prepended letters, regional
 * indicators and Hangul.
 */
const JOINS_NEXT =
  /[\r\p{Cf}\p{Regional_Indicator}\p{Script=Hangul}\u0D4E\u{111C2}\u{111C3}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}]/u;

const JOINS_PREVIOUS_FLAG = 1;
const JOINS_NEXT_FLAG = 2;
const KNOWN_FLAG = 4;
const classes = new Uint8Array(0x110000);

function classOf(codePoint: number): number {
  const known = classes[codePoint] ?? 0;
  if (known !== 0) return known;
  const character = String.fromCodePoint(codePoint);
  const computed =
    KNOWN_FLAG |
    (JOINS_PREVIOUS.test(character) ? JOINS_PREVIOUS_FLAG : 0) |
    (JOINS_NEXT.test(character) ? JOINS_NEXT_FLAG : 0);
  classes[codePoint] = computed;
  return computed;
}

/**
 * True when no rule of UAX #29 can join these two characters, so a grapheme cluster boundary
 * lies between them whatever surrounds them. False means "ask the segmenter", not "no
 * boundary".
 */
export function certainBoundaryBetween(before: number, after: number): boolean {
  return (classOf(before) & JOINS_NEXT_FLAG) === 0 && (classOf(after) & JOINS_PREVIOUS_FLAG) === 0;
}

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** The smallest piece handed to Intl.Segmenter, which slows down badly on long strings. */
const SEGMENTER_CHUNK = 256;

/**
 * Offsets (in UTF-16 units, relative to `text`) of the cluster boundaries strictly inside
 * `text`, which must start at a cluster boundary. Segmented in short chunks, since
 * Intl.Segmenter takes time quadratic in a string's length: whether a boundary lies before a
 * character depends only on that character and the ones before it, so each chunk's boundaries
 * are final however the chunk was cut, and the next chunk starts at the last one. A chunk never
 * ends between the two halves of a surrogate pair: the segmenter would see a lone surrogate there
 * and report a boundary before it that is not one.
 */
export function clusterBoundariesInside(text: string): number[] {
  const boundaries: number[] = [];
  let from = 0;
  let chunk = SEGMENTER_CHUNK;
  while (from < text.length) {
    let to = Math.min(text.length, from + chunk);
    if (to < text.length && isHighSurrogate(text.charCodeAt(to - 1))) to += 1;
    let last = from;
    for (const { index } of segmenter.segment(text.slice(from, to))) {
      if (index === 0) continue;
      boundaries.push(from + index);
      last = from + index;
    }
    if (to === text.length) break;
    if (last === from) {
      chunk *= 2;
      continue;
    }
    from = last;
    chunk = SEGMENTER_CHUNK;
  }
  return boundaries;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
