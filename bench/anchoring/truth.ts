import { SHORT_QUOTE, samePassage, THINNED_WORD, THINNING_RUN } from '@marginalia/anchoring';
import { type Edit, type TruePassage, applyEdit, followEdit } from './edits';
import { type Expectation, type Place, expectationOf } from './judge';

type Move = Extract<Edit, { kind: 'move' }>;

/** What should become of the span `[start, end)` of `text` through a revision's edits. */
export function expectationFor(
  text: readonly string[],
  edits: readonly Edit[],
  span: { start: number; end: number },
): Expectation {
  const [only] = edits;
  if (edits.length === 1 && only?.kind === 'move') return throughMove(text, only, span);
  let passage = untouched(span);
  for (const edit of edits) {
    if (edit.kind === 'move') throw new Error('A move comes alone in a revision');
    passage = followEdit(passage, edit);
  }
  return expectationOf(passage, span.end - span.start);
}

/**
 * What should become of a span through the removal of converter artefacts (artefacts.ts), by
 * the same definition of "the same passage" as every other kind: untouched, it is kept; edited,
 * it is the same passage when it is by the rule of step 4 (samePassage) or thinned (several
 * short runs deleted inside it, a word left whole: thinnedPassage), applied to the true
 * deletions; otherwise it is gone, a short quote included, since short quotes need near-exact
 * matches (SPEC §3). It must be anchored exactly on what remains: a boundary inside a removed
 * group goes to the group's edge, with no leeway, as nothing was inserted.
 */
export function expectationThroughCleaning(
  edits: readonly Edit[],
  span: { start: number; end: number },
): Expectation {
  let passage = untouched(span);
  for (const edit of edits) {
    if (edit.kind !== 'replace' || edit.insert !== '') throw new Error('Cleaning only deletes');
    passage = followEdit(passage, edit);
  }
  const { start, end, touched, removed } = passage;
  if (!touched) return { outcome: 'kept', start, end };
  const length = span.end - span.start;
  const same =
    start < end && (samePassage(length, end - start, length - removed) || thinnedBy(edits, span));
  return same
    ? { outcome: 'edited', places: [{ start, end, startLeeway: 0, endLeeway: 0 }] }
    : { outcome: 'gone' };
}

/**
 * The thinning rule of the anchoring library (thinned-passage.ts) applied to the true
 * deletions, which a cleaning revision states in the older text's offsets.
 */
function thinnedBy(edits: readonly Edit[], span: { start: number; end: number }): boolean {
  if (span.end - span.start < SHORT_QUOTE) return false;
  const runs = edits
    .filter((edit): edit is Extract<Edit, { kind: 'replace' }> => edit.kind === 'replace')
    .map((edit) => ({ from: edit.at, to: edit.at + edit.remove }))
    .filter((run) => run.from < span.end && run.to > span.start)
    .sort((a, b) => a.from - b.from);
  if (runs.length < 2 || runs.some((run) => run.to - run.from > THINNING_RUN)) return false;
  let keptFrom = span.start;
  let longestKept = 0;
  for (const run of runs) {
    longestKept = Math.max(longestKept, run.from - keptFrom);
    keptFrom = run.to;
  }
  return Math.max(longestKept, span.end - keptFrom) >= THINNED_WORD;
}

/**
 * A passage inside the moved block goes with it; one the move cuts in two is whichever piece
 * is still the same passage (either, near a tie); one containing the block loses it.
 */
function throughMove(
  text: readonly string[],
  original: Move,
  span: { start: number; end: number },
): Expectation {
  const move = smallerSideOf(original);
  const { from, length, to } = move;
  const blockEnd = from + length;
  const { start, end } = span;
  if (start >= from && end <= blockEnd) {
    return { outcome: 'kept', start: start - from + to, end: end - from + to };
  }
  const inside = Math.max(0, Math.min(end, blockEnd) - Math.max(start, from));
  if (inside === 0 || (start < from && end > blockEnd)) {
    const cut = followEdit(untouched(span), {
      kind: 'replace',
      at: from,
      remove: length,
      insert: '',
    });
    const pasted = followEdit(cut, {
      kind: 'replace',
      at: to,
      remove: 0,
      insert: 'x'.repeat(length),
    });
    return expectationOf(pasted, end - start);
  }
  const leeway = slideOf(text, from, blockEnd, applyEdit([...text], move), to);
  const movedStart = Math.max(start, from) - from + to;
  const stays = start < from ? { start, end: from } : { start: blockEnd, end };
  const stayed = followEdit(
    followEdit(untouched(stays), { kind: 'replace', at: from, remove: length, insert: '' }),
    { kind: 'replace', at: to, remove: 0, insert: 'x'.repeat(length) },
  );
  const cutAtStart = start < from;
  const pieces: Place[] = [
    {
      start: movedStart,
      end: movedStart + inside,
      startLeeway: cutAtStart ? leeway : 0,
      endLeeway: cutAtStart ? 0 : leeway,
    },
    {
      start: stayed.start,
      end: stayed.end,
      startLeeway: cutAtStart ? 0 : leeway,
      endLeeway: cutAtStart ? leeway : 0,
    },
  ];
  const places = pieces.filter(({ start: pieceStart, end: pieceEnd }) =>
    samePassage(end - start, pieceEnd - pieceStart, pieceEnd - pieceStart + leeway),
  );
  return places.length > 0 ? { outcome: 'edited', places } : { outcome: 'gone' };
}

/**
 * Moving a block past some text is moving that text past the block the other way; a diff sees
 * the shorter of the two, so the benchmark follows that one.
 */
function smallerSideOf(move: Move): Move {
  const { from, length, to } = move;
  if (to > from) {
    const between = to - from;
    return between < length
      ? { kind: 'move', from: from + length, length: between, to: from }
      : move;
  }
  const between = from - to;
  return between < length ? { kind: 'move', from: to, length: between, to: to + length } : move;
}

/** How far the cut and the pasted block could slide along repeated characters. */
function slideOf(
  before: readonly string[],
  from: number,
  to: number,
  after: readonly string[],
  pastedAt: number,
): number {
  return Math.max(slide(before, from, to), slide(after, pastedAt, pastedAt + (to - from)));
}

function slide(text: readonly string[], from: number, to: number): number {
  let left = 0;
  while (from - left - 1 >= 0 && text[from - left - 1] === text[to - left - 1]) left += 1;
  let right = 0;
  while (to + right < text.length && text[from + right] === text[to + right]) right += 1;
  return Math.max(left, right);
}

function untouched(span: { start: number; end: number }): TruePassage {
  return { ...span, touched: false, removed: 0, startLeeway: 0, endLeeway: 0 };
}
