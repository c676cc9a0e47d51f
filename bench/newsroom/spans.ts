import { resolveSelector, type RevisionText } from '@marginalia/anchoring';
import { type Anchor, type CorrectionKind } from '@marginalia/domain';
import { type Random } from '../anchoring/random';

/**
 * A span as an editor marks one, resolved as the API resolves a position selector: claims are
 * mostly clauses and sentences, corrections mostly a figure or a name. Never across a line.
 */
export function pickSpan(
  text: RevisionText,
  revision: number,
  purpose: 'claim' | 'correction',
  random: Random,
): Anchor {
  for (;;) {
    const roll = random.next();
    const length =
      purpose === 'correction'
        ? random.int(2, 12)
        : roll < 0.15
          ? random.int(4, 8)
          : roll < 0.75
            ? random.int(9, 40)
            : random.int(41, 120);
    const from = random.int(0, Math.max(0, text.length - length));
    const start = text.boundaryAtOrBefore(from);
    const end = text.boundaryAtOrAfter(start + length);
    const exact = text.slice(start, end);
    if (start >= end || /^\s|\s$|\n/u.test(exact)) continue;
    return { ...resolveSelector(text, { start, end }), revision, state: 'anchored' };
  }
}

export function replacementFor(exact: string, kind: CorrectionKind, random: Random): string {
  const digit = /[0-9]/.exec(exact);
  if (digit && kind === 'correction') {
    const at = digit.index;
    return (
      exact.slice(0, at) + String((Number(exact[at]) + random.int(1, 9)) % 10) + exact.slice(at + 1)
    );
  }
  return `${exact}${kind === 'update' ? '（已更新）' : '（更正）'}`;
}

export function noticeFor(kind: CorrectionKind, exact: string | undefined): string {
  switch (kind) {
    case 'correction':
      return `更正：本文“${exact ?? ''}”一处有误，现已更正。`;
    case 'update':
      return `更新：本文“${exact ?? ''}”已按最新数据更新。`;
    case 'clarification':
      return `说明：“${exact ?? ''}”指全年累计数据。`;
    case 'editors_note':
      return '编者按：本文部分数据来自地方政府发布会，仍在核实中。';
    default:
      return '说明';
  }
}
