import type Database from 'better-sqlite3';

export interface ReadModelDifference {
  model: string;
  key: string;
  detail: string;
}

interface Row {
  key: string | number;
  body: string;
  /** What the view shows of an annotation, kept beside its body; null in other tables. */
  view: string | null;
}

const MODELS: ReadonlyArray<{ table: string; key: string; view?: true }> = [
  { table: 'articles', key: 'id' },
  { table: 'article_revisions', key: "article_id || '@' || revision" },
  { table: 'claims', key: 'id', view: true },
  { table: 'corrections', key: 'id', view: true },
  { table: 'history', key: 'position' },
];

/**
 * Every row of every read model in `live` against `fresh`, table by table in key order,
 * reporting rows missing on either side and rows whose content differs (naming the fields).
 */
export function compareReadModels(
  live: Database.Database,
  fresh: Database.Database,
  limit = 1000,
): ReadModelDifference[] {
  const differences: ReadModelDifference[] = [];
  for (const { table, key, view } of MODELS) {
    const sql = `SELECT ${key} AS key, body, ${view ? 'view' : 'NULL'} AS view FROM ${table} ORDER BY ${key}`;
    const a = live.prepare<[], Row>(sql).iterate();
    const b = fresh.prepare<[], Row>(sql).iterate();
    let x = take(a);
    let y = take(b);
    while ((x || y) && differences.length < limit) {
      const order = !x ? 1 : !y ? -1 : compareKeys(x.key, y.key);
      if (order < 0 && x) {
        differences.push({
          model: table,
          key: String(x.key),
          detail: 'in the read model, not in a replay of the log',
        });
        x = take(a);
      } else if (order > 0 && y) {
        differences.push({
          model: table,
          key: String(y.key),
          detail: 'missing from the read model',
        });
        y = take(b);
      } else if (x && y) {
        if (x.body !== y.body) {
          differences.push({ model: table, key: String(x.key), detail: describe(x.body, y.body) });
        } else if (x.view !== y.view) {
          differences.push({
            model: table,
            key: String(x.key),
            detail: `its view ${describe(x.view ?? '{}', y.view ?? '{}')}`,
          });
        }
        x = take(a);
        y = take(b);
      }
    }
    a.return?.();
    b.return?.();
  }
  return differences;
}

function take(rows: Iterator<Row>): Row | undefined {
  const next = rows.next();
  return next.done ? undefined : next.value;
}

function compareKeys(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function describe(live: string, fresh: string): string {
  const a = JSON.parse(live) as Record<string, unknown>;
  const b = JSON.parse(fresh) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]),
  );
  const shown = fields
    .slice(0, 5)
    .map((field) => `${field}: ${clip(a[field])} in the read model, ${clip(b[field])} replayed`);
  return `differs in ${shown.join('; ')}${fields.length > 5 ? ` (and ${fields.length - 5} more fields)` : ''}`;
}

function clip(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
