// PostgreSQL CHECK / domain CHECK / index predicate text → Expr, with the real PostgreSQL parser
// (libpg-query). Anything the tree cannot express becomes `unknown` (the evaluator then says so).
import { loadModule, parseSync } from 'libpg-query';
import type { CmpOp, Expr, Scalar } from './expr';

let ready: Promise<void> | undefined;

export function loadPgExpressionParser(): Promise<void> {
  ready ??= loadModule();
  return ready;
}

type Node = Record<string, unknown>;

export function parsePgExpression(text: string): Expr {
  let where: unknown;
  try {
    const tree = parseSync(`SELECT 1 WHERE ${text}`) as { stmts: { stmt: { SelectStmt?: { whereClause?: unknown } } }[] };
    where = tree.stmts[0]?.stmt.SelectStmt?.whereClause;
  } catch (e) {
    return { k: 'unknown', text: `${text} (${(e as Error).message})` };
  }
  return where ? toExpr(where, text) : { k: 'unknown', text };
}

function toExpr(node: unknown, text: string): Expr {
  const [type, body] = Object.entries((node ?? {}) as Node)[0] ?? [];
  const n = (body ?? {}) as Node;
  switch (type) {
    case 'ColumnRef': {
      const fields = (n.fields as Node[]) ?? [];
      const last = fields[fields.length - 1] as { String?: { sval: string } } | undefined;
      return last?.String ? { k: 'col', name: last.String.sval } : { k: 'unknown', text };
    }
    case 'A_Const':
      return { k: 'const', v: constOf(n) };
    case 'TypeCast': {
      const names = ((n.typeName as Node)?.names as { String?: { sval: string } }[]) ?? [];
      const to = names[names.length - 1]?.String?.sval ?? '';
      const inner = toExpr(n.arg, text);
      return { k: 'cast', e: inner, to };
    }
    case 'BoolExpr': {
      const args = ((n.args as unknown[]) ?? []).map((a) => toExpr(a, text));
      if (n.boolop === 'AND_EXPR') return { k: 'and', args };
      if (n.boolop === 'OR_EXPR') return { k: 'or', args };
      return { k: 'not', arg: args[0]! };
    }
    case 'NullTest':
      return { k: 'isnull', e: toExpr(n.arg, text), neg: n.nulltesttype === 'IS_NOT_NULL' };
    case 'BooleanTest': {
      const t = String(n.booltesttype);
      return { k: 'istrue', e: toExpr(n.arg, text), value: /TRUE/.test(t), neg: /NOT/.test(t) };
    }
    case 'CoalesceExpr':
      return { k: 'func', name: 'coalesce', args: ((n.args as unknown[]) ?? []).map((a) => toExpr(a, text)) };
    case 'FuncCall': {
      const names = (n.funcname as { String?: { sval: string } }[]) ?? [];
      const name = (names[names.length - 1]?.String?.sval ?? '').toLowerCase();
      return { k: 'func', name, args: ((n.args as unknown[]) ?? []).map((a) => toExpr(a, text)) };
    }
    case 'SQLValueFunction': {
      const op = String(n.op);
      return { k: 'func', name: op.includes('DATE') ? 'current_date' : 'now', args: [] };
    }
    case 'A_Expr':
      return aExpr(n, text);
    default:
      return { k: 'unknown', text };
  }
}

function constOf(n: Node): Scalar {
  if (n.isnull) return null;
  if ('ival' in n) return Number((n.ival as { ival?: number }).ival ?? 0);
  if ('fval' in n) return Number((n.fval as { fval?: string }).fval ?? 0);
  if ('sval' in n) return String((n.sval as { sval?: string }).sval ?? '');
  if ('boolval' in n) return Boolean((n.boolval as { boolval?: boolean }).boolval);
  return null;
}

const CMP: Record<string, CmpOp> = { '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

function listItems(node: unknown, text: string): Expr[] | undefined {
  let x = node as Node;
  while (x && 'TypeCast' in x) x = (x.TypeCast as Node).arg as Node;
  if (x && 'A_ArrayExpr' in x) return (((x.A_ArrayExpr as Node).elements as unknown[]) ?? []).map((e) => toExpr(e, text));
  if (x && 'List' in x) return (((x.List as Node).items as unknown[]) ?? []).map((e) => toExpr(e, text));
  if (Array.isArray(x)) return (x as unknown[]).map((e) => toExpr(e, text));
  return undefined;
}

function aExpr(n: Node, text: string): Expr {
  const names = (n.name as { String?: { sval: string } }[]) ?? [];
  const op = names[names.length - 1]?.String?.sval ?? '';
  const kind = String(n.kind);
  const l = () => toExpr(n.lexpr, text);
  switch (kind) {
    case 'AEXPR_OP': {
      if (!n.lexpr) return op === '-' ? { k: 'arith', op: '-', l: { k: 'const', v: 0 }, r: toExpr(n.rexpr, text) } : { k: 'unknown', text };
      const r = toExpr(n.rexpr, text);
      if (CMP[op]) return { k: 'cmp', op: CMP[op]!, l: l(), r };
      if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%' || op === '||') return { k: 'arith', op, l: l(), r };
      if (op === '~' || op === '~*' || op === '!~' || op === '!~*') return { k: 'regex', e: l(), pattern: r, neg: op.startsWith('!'), ci: op.endsWith('*') };
      if (op === '~~' || op === '~~*' || op === '!~~' || op === '!~~*') return { k: 'like', e: l(), pattern: r, neg: op.startsWith('!'), ci: op.endsWith('*') };
      return { k: 'unknown', text };
    }
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL':
    case 'AEXPR_IN': {
      const list = listItems(n.rexpr, text);
      if (!list) return { k: 'unknown', text };
      const neg = op === '<>' || op === '!=';
      if (kind === 'AEXPR_OP_ANY' && op !== '=') return { k: 'unknown', text };
      if (kind === 'AEXPR_OP_ALL' && !neg) return { k: 'unknown', text };
      return { k: 'in', e: l(), list, neg };
    }
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE':
      return { k: 'like', e: l(), pattern: toExpr(n.rexpr, text), neg: op.startsWith('!'), ci: kind === 'AEXPR_ILIKE' };
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN': {
      const items = listItems(n.rexpr, text);
      if (!items || items.length !== 2) return { k: 'unknown', text };
      return { k: 'between', e: l(), lo: items[0]!, hi: items[1]!, neg: kind === 'AEXPR_NOT_BETWEEN' };
    }
    case 'AEXPR_SIMILAR':
    default:
      return { k: 'unknown', text };
  }
}
