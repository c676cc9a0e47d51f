/**
 * The first-render bench's article: about 6,000 characters of mixed Chinese, Latin, digits and
 * emoji (skin tones, a ZWJ family, flags) and CJK Extension B, in paragraphs; and claim spans on
 * grapheme boundaries, as a person's selections would be. Deterministic, so runs compare.
 */
const PIECES = [
  '山西去年煤炭产量达到13.78亿吨，',
  '同比增长3.2%。',
  'The province shipped 8.1 million tonnes by rail in March. ',
  '代表们👍🏽表示，',
  '新能源装机容量突破5000万千瓦，',
  'Officials said the figure was "a record". ',
  '一家人👨‍👩‍👧在𠮷野家吃饭，',
  '国旗🇨🇳在𠀀𡈽之间飘扬。',
  '转型发展取得新成效；',
  'Exports grew 12% year on year, ',
  '全年接待游客1.2亿人次。',
];

/** A text of at least `codePoints` code points, cut at a piece's end, with paragraph breaks. */
export function benchArticleText(codePoints: number): string {
  let text = '';
  let count = 0;
  for (let i = 0; count < codePoints; i += 1) {
    const piece = PIECES[(i * 7) % PIECES.length]! + (i % 9 === 8 ? '\n\n' : '');
    text += piece;
    count += Array.from(piece).length;
  }
  return text;
}

/** `count` spans [start, end) in code points, 4 to 40 long, starting and ending on grapheme boundaries; some overlap. */
export function claimSpans(text: string, count: number): Array<{ start: number; end: number }> {
  const boundaries: number[] = [];
  let codePoint = 0;
  for (const { segment } of new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(text)) {
    boundaries.push(codePoint);
    codePoint += Array.from(segment).length;
  }
  boundaries.push(codePoint);
  const spans: Array<{ start: number; end: number }> = [];
  let seed = 20240308;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  while (spans.length < count) {
    const from = Math.floor(random() * (boundaries.length - 41));
    const length = 4 + Math.floor(random() * 36);
    const start = boundaries[from]!;
    const end = boundaries[from + length]!;
    const exact = Array.from(text).slice(start, end).join('');
    if (exact.trim() !== '') spans.push({ start, end });
  }
  return spans;
}
