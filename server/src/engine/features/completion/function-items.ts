// Function completion: the database's routines and the dialect's built-ins, ranked by clause —
// aggregates in the select list and HAVING, scalar functions in WHERE/ON/SET/VALUES, set-returning
// functions where a table is expected. Inserted as a call snippet with the cursor inside.
import { allFunctions, signatureLabel, type CallableFunction } from '../functions/functions';
import type { SchemaIndex } from '../../schema/schema-index';
import { filterText, type CompletionRequest } from './request';
import { RANK, type CompletionItem } from './types';

const AGGREGATE_CLAUSES = new Set(['SELECT', 'HAVING', 'ORDER', 'RETURNING']);

/**
 * The items for one index, clause kind and quoting, built once: the few hundred functions (with
 * their documentation) were rebuilt on every keystroke in an expression before. Callers only read
 * the array.
 */
const prepared = new WeakMap<SchemaIndex, Map<string, readonly CompletionItem[]>>();

export function functionItems(req: CompletionRequest, tablePosition: boolean): readonly CompletionItem[] {
  const mode = tablePosition ? 'table' : AGGREGATE_CLAUSES.has(req.context.clause) ? 'aggregate' : 'scalar';
  const key = `${mode}:${req.context.quoted ? 'quoted' : 'plain'}`;
  let byKey = prepared.get(req.index);
  if (!byKey) prepared.set(req.index, (byKey = new Map()));
  let items = byKey.get(key);
  if (!items) {
    const built: CompletionItem[] = [];
    for (const f of allFunctions(req.index)) {
      const preferred = tablePosition ? f.kind === 'set' : f.kind === 'scalar' || (mode === 'aggregate' && f.kind !== 'set');
      if (tablePosition && !preferred) continue;
      // Where a table goes, set-returning functions come after the tables: FROM is mostly for tables.
      built.push(functionItem(req, f, preferred && !tablePosition));
    }
    byKey.set(key, (items = built));
  }
  return items;
}

function functionItem(req: CompletionRequest, f: CallableFunction, preferred: boolean): CompletionItem {
  const d = req.index.dialect;
  const qualify = f.schema !== undefined && !req.index.model.searchPath.some((s) => d.catalogKey(s) === d.catalogKey(f.schema!));
  const name = (qualify ? d.quoteIfNeeded(f.schema!) + '.' : '') + d.quoteIfNeeded(f.name);
  return {
    label: f.name,
    kind: 'function',
    detail: signatureLabel(f),
    documentation: `\`\`\`sql\n${signatureLabel(f)}\n\`\`\`\n\n${f.kind === 'scalar' ? '' : `${f.kind} function — `}${f.doc}`,
    insertText: f.params.length > 0 ? `${name}($1)$0` : `${name}()`,
    snippet: true,
    // The database's own routines first: they are what this schema is about.
    sortText: `${preferred ? RANK.preferredFunction : RANK.otherFunction}${f.schema ? 'a' : 'b'}${f.name}`,
    filterText: filterText(req, f.name),
  };
}
