// "Show ERD for Table" from the editor: the table named at the cursor, found without a server round
// trip from the dotted word under the cursor — `schema.table`, `table`, `alias.column` (the alias
// resolved through `FROM/JOIN table alias` in the document) or `table.column`. No `vscode`.
import type { SchemaModel, TableInfo } from '../schema-types';

const IDENT = /[\p{L}\p{N}_$"`[\]]/u;

/** The dotted identifier around `offset`, split into its parts without quotes. */
export function dottedWordAt(text: string, offset: number): string[] {
  let start = offset;
  let end = offset;
  while (start > 0 && (IDENT.test(text[start - 1]!) || text[start - 1] === '.')) start--;
  while (end < text.length && (IDENT.test(text[end]!) || text[end] === '.')) end++;
  return text
    .slice(start, end)
    .split('.')
    .map((p) => p.replace(/^["`[]|["`\]]$/g, ''))
    .filter(Boolean);
}

/** "schema.table" of the table at `offset` in `text`, or undefined. */
export function tableAtCursor(model: SchemaModel, text: string, offset: number): string | undefined {
  const parts = dottedWordAt(text, offset);
  if (parts.length === 0) return undefined;
  const find = (name: string, schema?: string): TableInfo | undefined => {
    const matches = model.tables.filter((t) => same(t.name, name) && (schema === undefined || same(t.schema, schema)));
    // Unqualified: the schema on the search path wins, as the database would resolve it.
    return matches.sort((a, b) => rank(model, a.schema) - rank(model, b.schema))[0];
  };
  const id = (t: TableInfo | undefined) => (t ? `${t.schema}.${t.name}` : undefined);
  if (parts.length >= 2) {
    const [a, b] = parts.slice(-2) as [string, string];
    // schema.table, or (for a.b.c) schema.table.column
    const qualified = find(b, a) ?? (parts.length >= 3 ? find(parts[parts.length - 2]!, parts[parts.length - 3]) : undefined);
    if (qualified) return id(qualified);
    // alias.column or table.column
    const aliased = aliasTarget(text, a);
    if (aliased) return id(find(aliased.table, aliased.schema));
    return id(find(a));
  }
  return id(find(parts[0]!)) ?? (() => {
    const aliased = aliasTarget(text, parts[0]!);
    return aliased ? id(find(aliased.table, aliased.schema)) : undefined;
  })();
}

/** The table an alias stands for: `FROM|JOIN [schema.]table [AS] alias`. */
function aliasTarget(text: string, alias: string): { schema?: string; table: string } | undefined {
  const name = '("[^"]+"|`[^`]+`|\\[[^\\]]+\\]|[\\p{L}_][\\p{L}\\p{N}_$]*)';
  const re = new RegExp(`\\b(?:FROM|JOIN|UPDATE|INTO)\\s+(?:${name}\\.)?${name}\\s+(?:AS\\s+)?${escape(alias)}\\b`, 'giu');
  const m = re.exec(text);
  if (!m) return undefined;
  const unq = (s: string | undefined) => s?.replace(/^["`[]|["`\]]$/g, '');
  return { schema: unq(m[1]), table: unq(m[2])! };
}

function same(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

function rank(model: SchemaModel, schema: string): number {
  const i = model.searchPath.indexOf(schema);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
