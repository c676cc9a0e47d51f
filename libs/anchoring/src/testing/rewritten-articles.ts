import { SeededRandom } from '../../../../test/support/seeded-random';

/**
 * Random news-like articles and revisions of them that rewrite a share of their sentences, for
 * the diff's property and doubling tests. Sentences are CJK text with the phrases news text
 * repeats (高质量发展, 习近平总书记), some emoji and Latin words; each is made of pieces that
 * are whole grapheme clusters, so spans can start and end between any two pieces.
 */
export interface Sentence {
  /** The sentence's text without its end mark, as pieces. */
  pieces: string[];
  end: string;
}

export interface PlacedSentence {
  rewritten: boolean;
  /** Code points of each piece's start in the older text, and of the body's end. */
  oldOffsets: number[];
  /** Where the body starts in the newer text (untouched sentences only). */
  newStart: number;
}

export interface RewrittenArticle {
  older: string;
  newer: string;
  sentences: PlacedSentence[];
  /** Per code point of the older text, 1 when the revision kept it (rewritten end marks not). */
  kept: Uint8Array;
}

const PHRASES = ['高质量发展', '习近平总书记', '我省', '推动', '全方位转型', '的', '，', '、'];
const EXTRAS = ['😀', '👩‍💻', '🇨🇳', '𠮷', 'coal', 'GDP', '3.5'];
const ENDS = ['。', '。', '。', '！', '？'];

export function randomSentence(random: SeededRandom): Sentence {
  const pieces: string[] = [];
  const length = random.int(6, 40);
  while (pieces.length < length) {
    const roll = random.next();
    if (roll < 0.15) pieces.push(random.pick(PHRASES));
    else if (roll < 0.18) pieces.push(random.pick(EXTRAS));
    else pieces.push(String.fromCodePoint(0x4e00 + random.int(0, 2999)));
  }
  return { pieces, end: random.pick(ENDS) };
}

/** About `codePoints` code points of sentences, in paragraphs a blank line apart. */
export function randomSentences(random: SeededRandom, codePoints: number): Sentence[] {
  const sentences: Sentence[] = [];
  let length = 0;
  while (length < codePoints) {
    const sentence = randomSentence(random);
    sentences.push(sentence);
    length += Array.from(sentence.pieces.join('') + sentence.end).length + 1;
  }
  return sentences;
}

/** An article of about `codePoints` code points. */
export function randomArticle(random: SeededRandom, codePoints: number): string {
  return rewriteSentences(random, randomSentences(random, codePoints), 0).older;
}

/** The older and newer text when `share` of the sentences is rewritten into other sentences. */
export function rewriteSentences(
  random: SeededRandom,
  sentences: Sentence[],
  share: number,
): RewrittenArticle {
  const older: string[] = [];
  const newer: string[] = [];
  const placed: PlacedSentence[] = [];
  const kept: number[] = [];
  let [oldLength, newLength] = [0, 0];
  sentences.forEach((sentence, index) => {
    const rewritten = random.chance(share);
    const replacement = rewritten ? otherSentence(random, sentence) : sentence;
    const oldOffsets: number[] = [];
    for (const piece of sentence.pieces) {
      oldOffsets.push(oldLength);
      oldLength += Array.from(piece).length;
    }
    oldOffsets.push(oldLength);
    placed.push({ rewritten, oldOffsets, newStart: newLength });
    newLength += Array.from(replacement.pieces.join('')).length;
    const separator = index % 4 === 3 ? '\n\n' : '';
    older.push(sentence.pieces.join('') + sentence.end + separator);
    newer.push(replacement.pieces.join('') + replacement.end + separator);
    const bodyLength = oldLength - (oldOffsets[0] ?? 0);
    kept.push(...new Array<number>(bodyLength + sentence.end.length).fill(rewritten ? 0 : 1));
    kept.push(...new Array<number>(separator.length).fill(1));
    oldLength += Array.from(sentence.end + separator).length;
    newLength += Array.from(replacement.end + separator).length;
  });
  return {
    older: older.join(''),
    newer: newer.join(''),
    sentences: placed,
    kept: Uint8Array.from(kept),
  };
}

/**
 * A new sentence whose first and last pieces differ from the old one's: the old words at
 * either edge, next to untouched text, would be the old passage still standing there.
 */
function otherSentence(random: SeededRandom, old: Sentence): Sentence {
  for (;;) {
    const sentence = randomSentence(random);
    const differs = (index: number) => sentence.pieces.at(index) !== old.pieces.at(index);
    if (differs(0) && differs(-1)) return sentence;
  }
}

export { SeededRandom };
