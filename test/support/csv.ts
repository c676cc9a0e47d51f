/**
 * RFC 4180 CSV to rows of cells: CRLF between records, fields quoted with `"` where they hold
 * a comma, a quote or a line break, a quote inside doubled. Strict: a stray quote throws.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"' && cell === '') {
      // A quoted field: up to the closing quote, "" being one quote.
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('An unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        cell += text[i];
        i += 1;
      }
      const next = text[i];
      if (next !== ',' && next !== '\r' && next !== undefined) {
        throw new Error(
          `Text after a closing quote at ${i}: ${JSON.stringify(text.slice(i, i + 20))}`,
        );
      }
      continue;
    }
    if (char === '"') throw new Error(`A quote inside an unquoted field at ${i}`);
    if (char === ',') {
      row.push(cell);
      cell = '';
      i += 1;
      continue;
    }
    if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
      continue;
    }
    if (char === '\r' || char === '\n') {
      throw new Error(`A bare line break inside an unquoted field at ${i}`);
    }
    cell += char;
    i += 1;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
