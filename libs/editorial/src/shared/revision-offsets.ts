/**
 * What an answer needs of a revision's text: the UTF-16 offsets of code point offsets
 * (`utf16Start`, `utf16End`). It holds the code point offsets of the text's characters outside
 * the Basic Multilingual Plane, found as `RevisionText` finds them, and not the text: nothing
 * for a text without any, as most are.
 */
export class Utf16Offsets {
  private static readonly none = new Utf16Offsets([]);

  private constructor(private readonly astral: readonly number[]) {}

  static of(text: string): Utf16Offsets {
    const astral: number[] = [];
    for (let unit = 0; unit < text.length; unit += 1) {
      const code = text.charCodeAt(unit);
      if (code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length) {
        const next = text.charCodeAt(unit + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          astral.push(unit - astral.length);
          unit += 1;
        }
      }
    }
    return astral.length === 0 ? Utf16Offsets.none : new Utf16Offsets(astral);
  }

  /** The UTF-16 offset of a code point offset (0 ≤ offset ≤ the text's length). */
  utf16Offset(offset: number): number {
    let low = 0;
    let high = this.astral.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.astral[middle] ?? 0) < offset) low = middle + 1;
      else high = middle;
    }
    return offset + low;
  }
}

/** Revisions remembered by default: every article of a large newsroom, at about 100 bytes each. */
export const REVISIONS_REMEMBERED = 20_000;

/**
 * The `Utf16Offsets` of article revisions, remembered (at most `limit`, the least recently
 * used forgotten first) because a revision's text never changes: each answer about a claim
 * would otherwise read and index its revision's whole text again. A text that cannot be read
 * is not remembered.
 */
export class RevisionOffsets {
  /** In order of use, the least recently used first. */
  private readonly known = new Map<string, Utf16Offsets>();

  constructor(
    private readonly textOf: (articleId: string, revision: number) => Promise<string>,
    private readonly limit = REVISIONS_REMEMBERED,
  ) {}

  /** How many revisions are remembered now. */
  get remembered(): number {
    return this.known.size;
  }

  async of(articleId: string, revision: number): Promise<Utf16Offsets> {
    const key = `${articleId}#${revision}`;
    let offsets = this.known.get(key);
    if (offsets !== undefined) {
      this.known.delete(key);
    } else {
      offsets = Utf16Offsets.of(await this.textOf(articleId, revision));
    }
    this.known.set(key, offsets);
    while (this.known.size > this.limit) {
      this.known.delete(this.known.keys().next().value as string);
    }
    return offsets;
  }
}
