import { type BenchAnnotation } from './annotations';
import { type Edit, applyEdit, editIsAmbiguous } from './edits';
import { type Random } from './random';

export const REVISION_KINDS = [
  'insert_near',
  'delete_near',
  'around',
  'insert_inside',
  'delete_inside',
  'replace_inside',
  'across_start',
  'across_end',
  'replace_across',
  'delete_passage',
  'rewrite_passage',
  'move_paragraph',
  'decoy',
  'elsewhere',
] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

export interface BenchRevision {
  kind: RevisionKind;
  edits: Edit[];
  text: string;
}

interface Span {
  start: number;
  end: number;
}

/**
 * A new revision made around one annotation (the target) by an edit of the given kind; every
 * other annotation of the article lives through it too. Edits whose place a diff cannot know
 * (see editIsAmbiguous) are drawn again.
 */
export function makeRevision(
  text: string,
  target: BenchAnnotation,
  kind: RevisionKind,
  sources: { own: string; others: readonly string[] },
  random: Random,
): BenchRevision | undefined {
  // A rewrite brings other words; elsewhere, inserted text may repeat the article's phrases.
  const insertions = kind === 'rewrite_passage' ? sources.others : [sources.own, ...sources.others];
  for (let attempt = 0; attempt < 40; attempt += 1) {
    let codePoints = Array.from(text);
    const planned = plan(kind, codePoints, target, insertions, random);
    if (!planned) continue;
    let ambiguous = false;
    for (const edit of planned) {
      if (editIsAmbiguous(codePoints, edit) || isNoOp(edit)) ambiguous = true;
      if (edit.kind === 'move' && moveIsAmbiguous(codePoints, edit)) ambiguous = true;
      codePoints = applyEdit(codePoints, edit);
    }
    if (!ambiguous) return { kind, edits: planned, text: codePoints.join('') };
  }
  return undefined;
}

/** Edits in the order they apply: of two edits, the later one in the text comes first. */
function plan(
  kind: RevisionKind,
  text: string[],
  span: Span,
  insertions: readonly string[],
  random: Random,
): Edit[] | undefined {
  const { start, end } = span;
  const length = end - start;
  const insert = () => snippet(insertions, random);
  const replace = (at: number, remove: number, inserted: string): Edit | undefined =>
    at < 0 || remove < 0 || at + remove > text.length
      ? undefined
      : { kind: 'replace', at, remove, insert: inserted };
  const before = random.chance(0.5);
  switch (kind) {
    case 'insert_near': {
      const distance = random.int(0, 40);
      return one(replace(before ? start - distance : end + distance, 0, insert()));
    }
    case 'delete_near': {
      const distance = random.int(0, 20);
      const size = random.int(1, 30);
      return one(replace(before ? start - distance - size : end + distance, size, ''));
    }
    case 'around': {
      const after = random.chance(0.5)
        ? replace(end + random.int(0, 10), 0, insert())
        : replace(end + random.int(0, 10), random.int(1, 20), '');
      const first = random.chance(0.5)
        ? replace(start - random.int(0, 10), 0, insert())
        : (() => {
            const size = random.int(1, 20);
            return replace(start - random.int(0, 10) - size, size, '');
          })();
      return after && first ? [after, first] : undefined;
    }
    case 'insert_inside':
      return length < 2 ? undefined : one(replace(random.int(start + 1, end - 1), 0, insert()));
    case 'delete_inside': {
      if (length < 3) return undefined;
      const size = random.int(1, Math.max(1, Math.floor(length / 4)));
      const at = random.int(start + 1, end - 1 - size);
      return at > start ? one(replace(at, size, '')) : undefined;
    }
    case 'replace_inside': {
      if (length < 2) return undefined;
      const size = random.int(1, Math.min(6, length));
      return one(replace(random.int(start, end - size), size, insert().slice(0, random.int(1, 6))));
    }
    case 'across_start': {
      if (length < 2) return undefined;
      const outside = random.int(1, 20);
      return one(replace(start - outside, outside + random.int(1, length - 1), ''));
    }
    case 'across_end': {
      if (length < 2) return undefined;
      const inside = random.int(1, length - 1);
      return one(replace(end - inside, inside + random.int(1, 20), ''));
    }
    case 'replace_across': {
      if (length < 2) return undefined;
      const inside = random.int(1, length - 1);
      const outside = random.int(1, 15);
      return before
        ? one(replace(start - outside, outside + inside, insert()))
        : one(replace(end - inside, inside + outside, insert()));
    }
    case 'delete_passage': {
      const margin = random.int(0, 20);
      return one(replace(start - margin, length + 2 * margin, ''));
    }
    case 'rewrite_passage': {
      const margin = random.int(0, 20);
      const replacement = snippet(insertions, random, length + 2 * margin);
      return one(replace(start - margin, length + 2 * margin, replacement));
    }
    case 'move_paragraph':
      return moveParagraph(text, span, random);
    case 'decoy': {
      // The phrase pasted elsewhere while its original is corrected. (Cut here and pasted
      // there, it would be a move; copied with its context, a duplicated passage.)
      if (length > 12) return undefined;
      const exact = text.slice(start, end).join('');
      const elsewhere = random.int(0, text.length - 1);
      const original = replace(random.int(start, end - 1), 1, insert().slice(0, 2));
      const copy =
        elsewhere >= start && elsewhere <= end ? undefined : replace(elsewhere, 0, exact);
      if (!original || !copy) return undefined;
      return elsewhere > end ? [copy, original] : [original, copy];
    }
    case 'elsewhere': {
      const at = random.int(0, text.length - 1);
      return one(
        replace(at, random.chance(0.5) ? 0 : random.int(1, 30), random.chance(0.5) ? insert() : ''),
      );
    }
  }
}

/** Moves a paragraph (from a non-empty line to the next, blank lines included) elsewhere. */
function moveParagraph(text: string[], span: Span, random: Random): Edit[] | undefined {
  const lineStarts = [0];
  text.forEach((character, index) => {
    const next = text[index + 1];
    if (character === '\n' && next !== undefined && next !== '\n') lineStarts.push(index + 1);
  });
  const containing = lineStarts.filter((lineStart) => lineStart <= span.start).at(-1) ?? 0;
  const from = random.chance(0.7) ? containing : random.pick(lineStarts);
  const next = lineStarts.find((lineStart) => lineStart > from) ?? text.length;
  const length = next - from;
  const targets = lineStarts
    .map((lineStart) => (lineStart > from ? lineStart - length : lineStart))
    .filter((to) => to !== from && to >= 0 && to <= text.length - length);
  if (targets.length === 0 || length === 0) return undefined;
  return [{ kind: 'move', from, length, to: random.pick(targets) }];
}

function snippet(
  insertions: readonly string[],
  random: Random,
  length = random.int(1, 40),
): string {
  const source = Array.from(random.pick(insertions));
  const start = random.int(0, Math.max(0, source.length - length));
  return source.slice(start, start + length).join('');
}

/**
 * A move a diff may read otherwise: past text of about its own length (moving the one is
 * moving the other), or slid along repeated words at either end ("林武" opening both the moved
 * paragraph and the one it lands before). Sliding along line breaks and spaces is left in:
 * annotations do not start or end with them.
 */
function moveIsAmbiguous(text: string[], move: Extract<Edit, { kind: 'move' }>): boolean {
  const between = Math.abs(move.to - move.from);
  if (between < 2 * move.length && move.length < 2 * between) return true;
  const after = applyEdit(text, move);
  return (
    slidesOverWords(text, move.from, move.from + move.length) ||
    slidesOverWords(after, move.to, move.to + move.length)
  );
}

function slidesOverWords(text: string[], from: number, to: number): boolean {
  for (let step = 1; from - step >= 0 && text[from - step] === text[to - step]; step += 1) {
    if (/\S/u.test(text[from - step] ?? '')) return true;
  }
  for (let step = 0; to + step < text.length && text[from + step] === text[to + step]; step += 1) {
    if (/\S/u.test(text[from + step] ?? '')) return true;
  }
  return false;
}

function isNoOp(edit: Edit): boolean {
  return edit.kind === 'replace' ? edit.remove === 0 && edit.insert === '' : edit.length === 0;
}

function one(edit: Edit | undefined): Edit[] | undefined {
  return edit ? [edit] : undefined;
}
