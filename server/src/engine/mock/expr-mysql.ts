// MySQL/MariaDB CHECK text → Expr with node-sql-parser (the project's parser for that dialect).
import type { Parser } from 'node-sql-parser';
import { nspAllGrammars } from '../sql/node-sql-parser';
import type { CmpOp, Expr } from './expr';

let nsp: Parser | undefined;
const parser = (): Parser => (nsp ??= new (nspAllGrammars().Parser)());

type Node = Record<string, unknown>;

export function parseMysqlExpression(text: string): Expr {
  try {
    const ast = parser().astify(`SELECT 1 FROM t WHERE ${text}`, { database: 'MariaDB' });
    const stmt = (Array.isArray(ast) ? ast[0] : ast) as unknown as Node;
    return stmt?.where ? toExpr(stmt.where as Node, text) : { k: 'unknown', text };
  } catch (e) {
    return { k: 'unknown', text: `${text} (${(e as Error).message.split('\n')[0]})` };
  }
}

const CMP: Record<string, CmpOp> = { '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

function nameOf(n: unknown): string {
  if (typeof n === 'string') return n;
  const x = n as Node;
  if (x && Array.isArray(x.name)) return (x.name as { value: string }[]).map((p) => p.value).join('.');
  if (x && typeof x.name === 'string') return x.name;
  if (x && typeof x.value === 'string') return x.value;
  return '';
}

function toExpr(n: Node, text: string): Expr {
  const list = (x: unknown): Expr[] => (((x as Node)?.value as Node[]) ?? []).map((i) => toExpr(i, text));
  switch (n.type) {
    case 'column_ref': {
      const col = n.column as unknown;
      const name = typeof col === 'string' ? col : String(((col as Node)?.expr as Node)?.value ?? '');
      return { k: 'col', name };
    }
    case 'number':
      return { k: 'const', v: Number(n.value) };
    case 'single_quote_string':
    case 'double_quote_string':
    case 'string':
    case 'natural_string':
      return { k: 'const', v: String(n.value) };
    case 'bool':
      return { k: 'const', v: Boolean(n.value) };
    case 'null':
      return { k: 'const', v: null };
    case 'unary_expr':
      if (String(n.operator).toUpperCase() === 'NOT') return { k: 'not', arg: toExpr(n.expr as Node, text) };
      if (n.operator === '-') return { k: 'arith', op: '-', l: { k: 'const', v: 0 }, r: toExpr(n.expr as Node, text) };
      return { k: 'unknown', text };
    case 'function': {
      const name = nameOf(n.name).toLowerCase();
      const args = n.args ? list(n.args) : [];
      return { k: 'func', name, args };
    }
    case 'cast':
      return { k: 'cast', e: toExpr(n.expr as Node, text), to: String(((n.target as Node[])?.[0] as Node)?.dataType ?? (n.target as Node)?.dataType ?? '') };
    case 'expr_list': {
      const items = list(n);
      return items.length === 1 ? items[0]! : { k: 'unknown', text };
    }
    case 'binary_expr': {
      const op = String(n.operator).toUpperCase();
      const l = toExpr(n.left as Node, text);
      const right = n.right as Node;
      if (op === 'AND' || op === '&&') return { k: 'and', args: [l, toExpr(right, text)] };
      if (op === 'OR' || op === '||') return { k: 'or', args: [l, toExpr(right, text)] };
      if (CMP[op]) return { k: 'cmp', op: CMP[op]!, l, r: toExpr(right, text) };
      if (op === 'IN' || op === 'NOT IN') return { k: 'in', e: l, list: list(right), neg: op === 'NOT IN' };
      if (op === 'BETWEEN' || op === 'NOT BETWEEN') {
        const [lo, hi] = list(right);
        return lo && hi ? { k: 'between', e: l, lo, hi, neg: op === 'NOT BETWEEN' } : { k: 'unknown', text };
      }
      if (op === 'LIKE' || op === 'NOT LIKE') return { k: 'like', e: l, pattern: toExpr(right, text), neg: op === 'NOT LIKE', ci: true };
      if (op === 'REGEXP' || op === 'NOT REGEXP' || op === 'RLIKE' || op === 'NOT RLIKE') return { k: 'regex', e: l, pattern: toExpr(right, text), neg: op.startsWith('NOT'), ci: true };
      if (op === 'IS' || op === 'IS NOT') {
        if (right?.type === 'null') return { k: 'isnull', e: l, neg: op === 'IS NOT' };
        if (right?.type === 'bool') return { k: 'istrue', e: l, value: Boolean(right.value), neg: op === 'IS NOT' };
        return { k: 'unknown', text };
      }
      if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') return { k: 'arith', op, l, r: toExpr(right, text) };
      return { k: 'unknown', text };
    }
    default:
      return { k: 'unknown', text };
  }
}
