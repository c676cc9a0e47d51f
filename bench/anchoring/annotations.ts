import { type Anchor, RevisionText, resolveSelector } from '@marginalia/anchoring';
import { type Random } from './random';

export interface BenchAnnotation extends Anchor {
  /** Whether the quote occurs more than once in the text. */
  repeated: boolean;
}

/**
 * Annotations as editors make them: short quotes (a name, a figure), clauses, whole
 * sentences, and one in five on a phrase the article repeats elsewhere.
 */
export function makeAnnotations(text: string, count: number, random: Random): BenchAnnotation[] {
  const revision = RevisionText.of(text);
  const annotations: BenchAnnotation[] = [];
  while (annotations.length < count) {
    const span = random.chance(0.2) ? repeatedPhrase(text, random) : freeSpan(revision, random);
    if (!span) continue;
    const start = revision.boundaryAtOrBefore(span.start);
    const end = revision.boundaryAtOrAfter(span.end);
    const exact = revision.slice(start, end);
    // Editors mark words, not the white space or line breaks around them.
    if (start >= end || /^\s|\s$/u.test(exact)) continue;
    const anchor = resolveSelector(revision, { start, end });
    annotations.push({ ...anchor, repeated: text.indexOf(exact) !== text.lastIndexOf(exact) });
  }
  return annotations;
}

function freeSpan(text: RevisionText, random: Random): { start: number; end: number } {
  const roll = random.next();
  const length =
    roll < 0.3 ? random.int(1, 4) : roll < 0.7 ? random.int(5, 20) : random.int(21, 120);
  const start = random.int(0, Math.max(0, text.length - length));
  return { start, end: Math.min(text.length, start + length) };
}

function repeatedPhrase(text: string, random: Random): { start: number; end: number } | undefined {
  const codePoints = Array.from(text);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const start = random.int(0, codePoints.length - 2);
    const length = random.int(2, 8);
    const phrase = codePoints.slice(start, start + length).join('');
    if (phrase.includes('\n') || Array.from(phrase).length < length) continue;
    if (text.indexOf(phrase) !== text.lastIndexOf(phrase)) return { start, end: start + length };
  }
  return undefined;
}
