// Scope at a cursor: which tables, aliases and CTEs a name typed there can refer to. Finds the
// innermost query block around the cursor (subqueries, CTE bodies, derived tables), reads the table
// references of that block (wherever they are: the SELECT list sees a FROM that comes after it) and
// of the enclosing blocks a correlated subquery can see. No full parse: half-typed SQL is the norm.
import type { Dialect } from './dialect';
import { matchParens, isSubqueryGroup } from './paren-groups';
import { BlockScanner, type CteDef, type TableRef } from './table-refs';
import { isPunct, keywordOf, type Token } from './tokens';

export type { CteDef, TableRef, OutputColumns } from './table-refs';

export interface ScopedTableRef extends TableRef {
  /** 0 for the cursor's own query block, 1 for the enclosing block, … */
  level: number;
  /** Set when the reference names a CTE visible at the cursor. */
  cte?: CteDef;
  /** A pseudo-table the statement defines (`excluded` of INSERT … ON CONFLICT): only usable qualified. */
  pseudo?: boolean;
}

export interface Scope {
  /** Visible table references, the cursor's own block first. */
  tables: ScopedTableRef[];
  /** CTEs visible at the cursor. */
  ctes: CteDef[];
  /** Token range [from, to) of the cursor's query block within the analysed tokens. */
  block: { from: number; to: number };
  /** Output aliases of the cursor's block select list (`expr AS total`), for ORDER BY / GROUP BY / HAVING. */
  selectAliases: Token[];
}

/**
 * Resolves the scope at `offset` over the tokens of one statement (comments may be included; they
 * are dropped here).
 */
export function resolveScope(statementTokens: Token[], offset: number, dialect: Dialect): Scope {
  const a = analysed(statementTokens, dialect);
  const { tokens, parens, scanner } = a;
  const chain = blockChain(tokens, parens, scanner, offset);
  const segments = chain.map(({ info, from, to }) => segmentAround(info.setOperatorOffsets, offset, tokens[from]?.start ?? 0, tokens[to - 1]?.end ?? Infinity));
  const own = chain[chain.length - 1];
  const excluded = onConflictTarget(tokens, own, offset);
  // Offsets with the same blocks, set-operator segments and ON CONFLICT side share one scope.
  const key = chain.map((b, k) => `${b.from}:${b.to}:${segments[k]![0]}:${segments[k]![1]}`).join('/') + (excluded ? '+excluded' : '');
  const known = a.scopes.get(key);
  if (known) return known;

  const tables: ScopedTableRef[] = [];
  const ctes: CteDef[] = [];
  let level = 0;
  for (let k = chain.length - 1; k >= 0; k--) {
    const { info, isolated } = chain[k];
    const segment = segments[k]!;
    for (const r of info.refs) if (level > 0 || (r.start >= segment[0] && r.start < segment[1])) tables.push({ ...r, level });
    ctes.push(...info.ctes);
    level++;
    // CTE bodies and derived tables do not see the tables of the query around them.
    if (isolated) {
      for (let m = k - 1; m >= 0; m--) ctes.push(...chain[m].info.ctes);
      break;
    }
  }
  for (const t of tables) {
    if (t.kind === 'table' && !t.schema && t.name) t.cte = ctes.find((c) => sameName(c.name, t.name!));
  }
  if (excluded) tables.push(excluded);
  const scope: Scope = { tables, ctes, block: { from: own.from, to: own.to }, selectAliases: selectAliases(tokens, scanner, own) };
  a.scopes.set(key, scope);
  return scope;
}

/**
 * The statement's code tokens, parentheses and block scanner, remembered per token array: features
 * that resolve many names of one statement (semantic tokens, references) scan its blocks once.
 */
const analyses = new WeakMap<Token[], { dialect: Dialect; tokens: Token[]; parens: Map<number, number>; scanner: BlockScanner; scopes: Map<string, Scope> }>();

function analysed(statementTokens: Token[], dialect: Dialect) {
  let a = analyses.get(statementTokens);
  if (!a || a.dialect !== dialect) {
    const tokens = statementTokens.filter((t) => t.kind !== 'comment');
    const parens = matchParens(tokens);
    a = { dialect, tokens, parens, scanner: new BlockScanner(tokens, parens, dialect), scopes: new Map<string, Scope>() };
    analyses.set(statementTokens, a);
  }
  return a;
}

/** `INSERT INTO t … ON CONFLICT … |`: the pseudo-table `excluded` holds the row proposed for insertion. */
function onConflictTarget(tokens: Token[], own: ChainBlock, offset: number): ScopedTableRef | undefined {
  const target = own.info.refs.find((r) => r.clause === 'into' && r.kind === 'table');
  if (!target) return undefined;
  const conflict = tokens.findIndex((t, i) => keywordOf(t) === 'ON' && keywordOf(tokens[i + 1]) === 'CONFLICT' && t.end <= offset);
  if (conflict < 0) return undefined;
  const at = tokens[conflict].start;
  const alias: Token = { kind: 'word', text: 'excluded', value: 'excluded', start: at, end: at };
  return { ...target, alias, level: 0, pseudo: true };
}

/** Names the select list gives its expressions (`AS x` or `expr x`), not bare column references. */
function selectAliases(tokens: Token[], scanner: BlockScanner, own: ChainBlock): Token[] {
  const names = scanner.outputColumns(own.from, own.to).names;
  return names.filter((t) => {
    const i = tokens.indexOf(t);
    const prev = tokens[i - 1];
    return keywordOf(prev) === 'AS' || (prev !== undefined && !isPunct(prev, '.') && !isPunct(prev, ',') && keywordOf(prev) !== 'SELECT' && keywordOf(prev) !== 'DISTINCT');
  });
}

interface ChainBlock {
  from: number;
  to: number;
  info: ReturnType<BlockScanner['scan']>;
  isolated: boolean;
}

/** Query blocks from the statement down to the innermost one that contains the cursor. */
function blockChain(tokens: Token[], parens: Map<number, number>, scanner: BlockScanner, offset: number): ChainBlock[] {
  const chain: ChainBlock[] = [{ from: 0, to: tokens.length, info: scanner.scan(0, tokens.length), isolated: false }];
  for (;;) {
    const outer = chain[chain.length - 1];
    let inner: ChainBlock | undefined;
    for (let i = outer.from; i < outer.to; i++) {
      const close = parens.get(i);
      if (close === undefined) continue;
      const closeOffset = tokens[close]?.start ?? Infinity;
      if (tokens[i].end <= offset && offset <= closeOffset && isSubqueryGroup(tokens, i)) {
        // Only the block that directly holds a group registers it (scan skips nested groups), so
        // asking that block alone keeps a chain of thousands of nested subqueries linear.
        inner = { from: i + 1, to: close, info: scanner.scan(i + 1, close), isolated: outer.info.isolatedGroups.has(i) };
        break;
      }
      if (tokens[i].start >= offset) break;
    }
    if (!inner) return chain;
    chain.push(inner);
  }
}

/** The part of a block between the set operators around the cursor. */
function segmentAround(ops: number[], offset: number, blockStart: number, blockEnd: number): [number, number] {
  let start = blockStart;
  let end = blockEnd;
  for (const o of ops) {
    if (o < offset) start = o;
    else if (o >= offset && end === blockEnd) end = o;
  }
  return [start, end];
}

function sameName(a: Token, b: Token): boolean {
  const norm = (t: Token) => (t.kind === 'quoted' ? (t.value ?? '') : t.text.toLowerCase());
  return norm(a) === norm(b);
}
