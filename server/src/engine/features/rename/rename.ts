// Rename within a statement of the names the statement itself declares: table aliases, CTE names and
// select-list aliases (`AS total`, also when used as a CTE's or subquery's column, `x.total`).
// Database tables and columns are refused: renaming those is a migration, not an edit of this file.
// Document highlights use the same occurrences (and the references of database names).
import type { SchemaIndex } from '../../schema/schema-index';
import { isIdentifier, isPunct, keywordOf, type Token } from '../../sql/tokens';
import { statementOf, type DocumentInput } from '../document-input';
import { codeTokens, identifierAt, symbolAt, symbolOfToken } from '../navigation/symbol-at';
import { references, referencesAsync, type ReferenceRange } from '../navigation/references';
import type { SliceOptions } from '../slices';
import { tokenName } from '../sources';

export type RenameKind = 'alias' | 'cte' | 'select-alias';

export interface Occurrences {
  kind: RenameKind;
  /** The identifier under the cursor. */
  start: number;
  end: number;
  name: string;
  ranges: ReferenceRange[];
}

export type PrepareRename = { ok: true; occurrences: Occurrences } | { ok: false; message: string };

export function prepareRename(doc: DocumentInput, offset: number, index: SchemaIndex): PrepareRename {
  const statement = statementOf(doc, offset, index.dialect);
  const at = symbolAt(statement, offset, index);
  const tokens = codeTokens(statement);
  const k = identifierAt(tokens, offset);
  if (k >= 0 && keywordOf(tokens[k - 1]) === 'AS' && !isPunct(tokens[k + 1], '(') && at?.symbol.kind === 'column') {
    // `SELECT id AS name … ORDER BY name`: the alias shadows a column of the same name; which uses
    // mean which is for the database to decide, so this is left to the user.
    return { ok: false, message: `\`${tokenName(tokens[k])}\` is also a column of a table in scope: rename this alias by hand, checking each use.` };
  }
  if (at?.symbol.kind === 'table') return { ok: false, message: `\`${at.symbol.table.name}\` is a table of the database: renaming it is a migration (ALTER TABLE … RENAME), not an edit of this file.` };
  if (at?.symbol.kind === 'column') return { ok: false, message: `\`${at.symbol.column.name}\` is a column of \`${at.symbol.table.name}\` in the database: renaming it is a migration (ALTER TABLE … RENAME COLUMN), not an edit of this file.` };
  if (at && (at.symbol.kind === 'alias' || at.symbol.kind === 'cte')) {
    return { ok: true, occurrences: { kind: at.symbol.kind, start: at.token.start, end: at.token.end, name: tokenName(at.token), ranges: references(doc, offset, index) } };
  }
  const select = selectAliasOccurrences(tokens, offset, index, statement);
  if (select) return { ok: true, occurrences: select };
  return { ok: false, message: 'Only aliases, CTE names and select-list aliases declared in this statement can be renamed here.' };
}

/** Occurrences to highlight: the renameable names, else every reference of a table or column. */
export function documentHighlights(doc: DocumentInput, offset: number, index: SchemaIndex): ReferenceRange[] {
  const p = prepareRename(doc, offset, index);
  return p.ok ? p.occurrences.ranges : references(doc, offset, index);
}

/**
 * documentHighlights in slices (see referencesAsync): a column named in every statement of a
 * 20k-line file is found without holding completion up; undefined when cancelled.
 */
export async function documentHighlightsAsync(doc: DocumentInput, offset: number, index: SchemaIndex, opts: SliceOptions): Promise<ReferenceRange[] | undefined> {
  const p = prepareRename(doc, offset, index);
  return p.ok ? p.occurrences.ranges : referencesAsync(doc, offset, index, opts);
}

/** Text edits renaming the symbol at `offset` to `newName`, or a message saying why not. */
export function rename(doc: DocumentInput, offset: number, newName: string, index: SchemaIndex): { edits: { start: number; end: number; newText: string }[] } | { message: string } {
  const p = prepareRename(doc, offset, index);
  if (!p.ok) return { message: p.message };
  const name = newName.trim();
  const plain = /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name);
  const quoted = /^"(?:[^"]|"")+"$|^`[^`]+`$|^\[[^\]]+\]$/.test(name);
  if (!plain && !quoted) return { message: `\`${newName}\` is not an identifier; quote it to use it as a name.` };
  return { edits: p.occurrences.ranges.map((r) => ({ start: r.start, end: r.end, newText: name })) };
}

/**
 * A select-list alias under the cursor: the name is declared by `AS name` (not `AS (`, a CTE) in the
 * statement, and its occurrences are the unqualified uses that name no table or column of the
 * database, plus `x.name` where x is a CTE or subquery exposing it.
 */
function selectAliasOccurrences(tokens: Token[], offset: number, index: SchemaIndex, statement: Parameters<typeof symbolOfToken>[0]): Occurrences | undefined {
  const k = identifierAt(tokens, offset);
  if (k < 0) return undefined;
  const key = (t: Token) => index.dialect.foldIdentifier(tokenName(t), t.kind === 'quoted');
  const name = key(tokens[k]);
  const ranges: ReferenceRange[] = [];
  let declared = false;
  let shadowed = false;
  tokens.forEach((t, j) => {
    if (!isIdentifier(t) || key(t) !== name) return;
    if (keywordOf(tokens[j - 1]) === 'AS' && !isPunct(tokens[j + 1], '(')) {
      declared = true;
      ranges.push({ start: t.start, end: t.end });
      return;
    }
    if (isPunct(tokens[j + 1], '.') || isPunct(tokens[j + 1], '(')) return;
    const sym = symbolOfToken(statement, tokens, j, index);
    if (sym?.kind === 'column') shadowed = true;
    if (sym === undefined ? !isPunct(tokens[j - 1], '.') : sym.kind === 'virtual-column') ranges.push({ start: t.start, end: t.end });
  });
  if (!declared || shadowed || !ranges.some((r) => r.start === tokens[k].start)) return undefined;
  return { kind: 'select-alias', start: tokens[k].start, end: tokens[k].end, name: tokenName(tokens[k]), ranges };
}
