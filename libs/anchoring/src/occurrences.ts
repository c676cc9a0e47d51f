import { type RevisionText } from './revision-text';
import { countCodePoints } from './unicode';

export interface Occurrence {
  start: number;
  end: number;
}

/**
 * Every place where `exact` occurs in the text with both ends on grapheme cluster boundaries,
 * overlapping occurrences included, in code points.
 */
export function occurrencesOf(text: RevisionText, exact: string): Occurrence[] {
  const found: Occurrence[] = [];
  if (exact === '') return found;
  const length = countCodePoints(exact);
  for (
    let unit = text.text.indexOf(exact);
    unit !== -1;
    unit = text.text.indexOf(exact, unit + 1)
  ) {
    const start = text.codePointOffset(unit);
    const end = start + length;
    if (text.isGraphemeBoundary(start) && text.isGraphemeBoundary(end)) found.push({ start, end });
  }
  return found;
}
