// Signature help: inside `fn(a, |` the overloads of fn with the parameter under the cursor; inside an
// INSERT's `VALUES (1, |` the target's column list, so each value lines up with its column.
import type { SchemaIndex } from '../../schema/schema-index';
import { namePart } from '../../sql/names';
import { isIdentifier, isPunct, keywordOf, type Token } from '../../sql/tokens';
import { statementOf, type DocumentInput } from '../document-input';
import { findFunctions, signatureLabel, type CallableFunction } from '../functions/functions';

export interface SignatureInfo {
  label: string;
  documentation?: string;
  /** [start, end) of each parameter within the label. */
  parameters: [number, number][];
}

export interface SignatureHelpResult {
  signatures: SignatureInfo[];
  activeSignature: number;
  activeParameter: number;
}

export function signatureHelp(doc: DocumentInput, offset: number, index: SchemaIndex): SignatureHelpResult | undefined {
  const statement = statementOf(doc, offset, index.dialect);
  const tokens = statement.tokens.filter((t) => t.kind !== 'comment');
  const inside = tokens.find((t) => t.start < offset && offset < t.end);
  if (inside && (inside.kind === 'string' || inside.kind === 'quoted')) return undefined;
  const before = tokens.filter((t) => t.end <= offset);
  const call = openCall(before);
  if (!call) return undefined;
  const { open, commas } = call;
  const name = before[open - 1];
  if (keywordOf(name) === 'VALUES' || (isPunct(name, ',') && valuesTupleList(before, open))) return valuesHelp(tokens, index, commas);
  if (!isIdentifier(name)) return undefined;
  const schema = isPunct(before[open - 2], '.') && isIdentifier(before[open - 3]) ? before[open - 3] : undefined;
  const overloads = findFunctions(index, namePart(name), schema && namePart(schema));
  if (overloads.length === 0) return undefined;
  const signatures = overloads.map(functionSignature);
  const fits = overloads.findIndex((f) => f.params.length > commas || f.params.some((p) => p.startsWith('...') || p.startsWith('VARIADIC')));
  const active = fits < 0 ? 0 : fits;
  const params = overloads[active].params;
  const variadic = params.findIndex((p) => p.startsWith('...') || p.startsWith('VARIADIC'));
  return { signatures, activeSignature: active, activeParameter: variadic >= 0 && commas >= variadic ? variadic : commas };
}

/** The innermost unclosed `(` before the cursor and the commas at its level. */
function openCall(tokens: Token[]): { open: number; commas: number } | undefined {
  let depth = 0;
  let commas = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (isPunct(t, ')')) depth++;
    else if (isPunct(t, '(')) {
      if (depth === 0) return { open: i, commas };
      depth--;
    } else if (depth === 0 && isPunct(t, ',')) commas++;
    else if (depth === 0 && ['SELECT', 'FROM', 'WHERE'].includes(keywordOf(t))) return undefined;
  }
  return undefined;
}

/** `VALUES (…), (|`: the `,` before `(` continues a VALUES list. */
function valuesTupleList(tokens: Token[], open: number): boolean {
  let depth = 0;
  for (let i = open - 1; i >= 0; i--) {
    if (isPunct(tokens[i], ')')) depth++;
    else if (isPunct(tokens[i], '(')) depth--;
    else if (depth === 0 && !isPunct(tokens[i], ',')) return keywordOf(tokens[i]) === 'VALUES';
  }
  return false;
}

function functionSignature(f: CallableFunction): SignatureInfo {
  const label = signatureLabel(f);
  const parameters: [number, number][] = [];
  let at = f.name.length + 1;
  for (const p of f.params) {
    parameters.push([at, at + p.length]);
    at += p.length + 2;
  }
  return { label, documentation: f.doc, parameters };
}

/** `INSERT INTO t [(cols)] VALUES (…`: the column names as the "parameters" of the tuple. */
function valuesHelp(tokens: Token[], index: SchemaIndex, commas: number): SignatureHelpResult | undefined {
  const into = tokens.findIndex((t) => keywordOf(t) === 'INTO');
  if (into < 0 || keywordOf(tokens[into - 1]) !== 'INSERT') return undefined;
  let i = into + 1;
  const parts: Token[] = [];
  while (isIdentifier(tokens[i])) {
    parts.push(tokens[i]);
    if (!isPunct(tokens[i + 1], '.')) break;
    i += 2;
  }
  if (parts.length === 0) return undefined;
  const table = index.findTable(namePart(parts[parts.length - 1]), parts.length > 1 ? namePart(parts[parts.length - 2]) : undefined);
  if (!table) return undefined;
  let names = table.columns.map((c) => c.name);
  if (isPunct(tokens[i + 1], '(')) {
    const list: string[] = [];
    for (let j = i + 2; j < tokens.length && !isPunct(tokens[j], ')'); j++) if (isIdentifier(tokens[j])) list.push(tokens[j].value ?? tokens[j].text);
    if (list.length > 0) names = list;
  }
  const typed = names.map((n) => {
    const c = index.findColumn(table, { text: n, quoted: false }) ?? index.findColumn(table, { text: n, quoted: true });
    return c ? `${c.name} ${c.dataType}` : n;
  });
  const label = `${table.name}(${typed.join(', ')})`;
  const parameters: [number, number][] = [];
  let at = table.name.length + 1;
  for (const p of typed) {
    parameters.push([at, at + p.length]);
    at += p.length + 2;
  }
  return { signatures: [{ label, documentation: `values for ${table.schema}.${table.name}`, parameters }], activeSignature: 0, activeParameter: Math.min(commas, names.length - 1) };
}
