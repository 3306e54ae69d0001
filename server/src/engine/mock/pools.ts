// The key values children draw from: for each (table, columns) some foreign key references, the
// tuples written so far. Only referenced column sets are kept, so memory grows with the keys that
// children need, not with the rows.
import type { Row, Value } from './expr';

export class Pools {
  private readonly wanted = new Map<string, { table: string; columns: string[]; tuples: Value[][]; predicted?: boolean }[]>();

  /** Keys a table will have (an integer sequence), known before its rows are generated. */
  predict(table: string, columns: string[], tuples: Value[][]): void {
    this.want(table, columns);
    const p = this.wanted.get(table)!.find((x) => x.columns.join('\u0000') === columns.join('\u0000'))!;
    p.tuples = tuples;
    p.predicted = true;
  }

  want(table: string, columns: string[]): void {
    const list = this.wanted.get(table) ?? [];
    if (!list.some((p) => p.columns.join('\u0000') === columns.join('\u0000'))) list.push({ table, columns, tuples: [] });
    this.wanted.set(table, list);
  }

  get(table: string, columns: string[]): Value[][] | undefined {
    return this.wanted.get(table)?.find((p) => p.columns.join('\u0000') === columns.join('\u0000'))?.tuples;
  }

  add(table: string, row: Row): void {
    const list = this.wanted.get(table);
    if (!list) return;
    for (const p of list) {
      if (p.predicted) continue;
      const t = p.columns.map((c) => row[c]);
      // A key with a NULL part cannot be referenced.
      if (t.every((v) => v !== null && v !== undefined)) p.tuples.push(t as Value[]);
    }
  }
}
