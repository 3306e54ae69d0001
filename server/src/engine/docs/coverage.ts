// Documentation coverage: how many tables/views and columns have a description.
import type { SchemaModel } from '../schema/model';

export interface Coverage {
  tables: number;
  tablesDescribed: number;
  columns: number;
  columnsDescribed: number;
  /** Described objects (tables + columns) over all objects, 0–100. */
  percent: number;
}

export function coverageOf(model: SchemaModel): Coverage {
  let tables = 0;
  let tablesDescribed = 0;
  let columns = 0;
  let columnsDescribed = 0;
  for (const t of model.tables) {
    tables++;
    if (t.comment?.trim()) tablesDescribed++;
    for (const c of t.columns) {
      columns++;
      if (c.comment?.trim()) columnsDescribed++;
    }
  }
  const all = tables + columns;
  return { tables, tablesDescribed, columns, columnsDescribed, percent: all === 0 ? 100 : (100 * (tablesDescribed + columnsDescribed)) / all };
}
