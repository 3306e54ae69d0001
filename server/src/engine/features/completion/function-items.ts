// Function completion: the database's routines and the dialect's built-ins, ranked by clause —
// aggregates in the select list and HAVING, scalar functions in WHERE/ON/SET/VALUES, set-returning
// functions where a table is expected. Inserted as a call snippet with the cursor inside.
import { allFunctions, signatureLabel, type CallableFunction } from '../functions/functions';
import { filterText, type CompletionRequest } from './request';
import { RANK, type CompletionItem } from './types';

const AGGREGATE_CLAUSES = new Set(['SELECT', 'HAVING', 'ORDER', 'RETURNING']);

export function functionItems(req: CompletionRequest, tablePosition: boolean): CompletionItem[] {
  const clause = req.context.clause;
  const items: CompletionItem[] = [];
  for (const f of allFunctions(req.index)) {
    const preferred = tablePosition ? f.kind === 'set' : f.kind === 'scalar' || (AGGREGATE_CLAUSES.has(clause) && f.kind !== 'set');
    if (tablePosition && !preferred) continue;
    // Where a table goes, set-returning functions come after the tables: FROM is mostly for tables.
    items.push(functionItem(req, f, preferred && !tablePosition));
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
