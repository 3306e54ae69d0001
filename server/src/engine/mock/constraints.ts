// CHECK constraints → value domains and row repairs.
// narrowDomains: the single-column conjuncts of a CHECK (col >= 0, col BETWEEN a AND b, upper(col)
// IN (...), col LIKE 'A%', col ~ '^[A-Z]{3}$', length(col) > 2, and `X OR col IS NULL`) narrow the
// column's domain, so most rows are right on the first draw.
// repairRow: a row that still fails a CHECK (cross-column comparisons such as ends > starts,
// implications such as (status = 'closed') = (closed_at IS NOT NULL), boolean combinations) is
// repaired by forcing the failing expression true: the columns it reads are set to values that
// satisfy it. What remains failing is rejected (bounded) by the caller.
import { columnsOf, compare, constantValue, evaluate, valueOf, type CmpOp, type Expr, type Row, type Scalar } from './expr';
import { drawValue, effectiveRange, timeRange, type ValueDomain } from './domain';
import type { Random } from './random';

const DAY = 86_400_000;

function unwrapCol(e: Expr): string | undefined {
  if (e.k === 'col') return e.name;
  if (e.k === 'cast') return unwrapCol(e.e);
  if (e.k === 'func' && ['upper', 'lower', 'btrim', 'trim'].includes(e.name) && e.args.length === 1) return unwrapCol(e.args[0]!);
  return undefined;
}

function lengthOf(e: Expr): string | undefined {
  if (e.k === 'func' && ['length', 'char_length', 'character_length'].includes(e.name) && e.args.length === 1) return unwrapCol(e.args[0]!);
  return undefined;
}

const FLIP: Record<CmpOp, CmpOp> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function step(d: ValueDomain): number {
  switch (d.type.kind) {
    case 'int':
    case 'year':
      return 1;
    case 'decimal':
    case 'money':
      return 10 ** -(d.type.scale ?? 0);
    case 'date':
      return DAY;
    case 'timestamp':
    case 'timestamptz':
      return 1000;
    default:
      return 1e-6;
  }
}

function asNumber(v: Scalar | undefined, d: ValueDomain): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = compare(v, 0) === undefined ? undefined : Number(v);
    if (n !== undefined && !Number.isNaN(n)) return n;
    const t = Date.parse(v.replace(' ', 'T') + (v.length === 10 ? 'T00:00:00Z' : 'Z'));
    return Number.isNaN(t) ? undefined : d.type.kind === 'date' ? Math.ceil(t / DAY) * DAY : t;
  }
  return undefined;
}

function bound(d: ValueDomain, op: CmpOp, v: number): void {
  const s = step(d);
  if (op === '>=' || op === '>') {
    const lo = op === '>' ? v + s : v;
    d.min = d.min === undefined ? lo : Math.max(d.min, lo);
  } else if (op === '<=' || op === '<') {
    const hi = op === '<' ? v - s : v;
    d.max = d.max === undefined ? hi : Math.min(d.max, hi);
  } else if (op === '=') {
    d.min = d.max = v;
  } else if (op === '<>') (d.excluded ??= new Set()).add(String(v));
}

function conjuncts(e: Expr): Expr[] {
  return e.k === 'and' ? e.args.flatMap(conjuncts) : [e];
}

/** Narrows the domains (by column name) from one CHECK; returns true when it was fully captured. */
export function narrowDomains(check: Expr, domains: Map<string, ValueDomain>): void {
  for (const c of conjuncts(check)) narrowOne(c, domains);
}

function narrowOne(c: Expr, domains: Map<string, ValueDomain>): void {
  // `X OR col IS NULL`: X narrows the non-null values of col.
  if (c.k === 'or') {
    const rest = c.args.filter((a) => !(a.k === 'isnull' && !a.neg));
    const nullCols = c.args.filter((a) => a.k === 'isnull' && !a.neg).map((a) => (a.k === 'isnull' ? unwrapCol(a.e) : undefined));
    if (rest.length === 1 && nullCols.length > 0) {
      const cols = columnsOf(rest[0]!);
      if (cols.size === 1 && nullCols.includes([...cols][0])) narrowOne(rest[0]!, domains);
    }
    return;
  }
  if (c.k === 'cmp') {
    const lcol = unwrapCol(c.l);
    const rcol = unwrapCol(c.r);
    const llen = lengthOf(c.l);
    if (llen && rcol === undefined) {
      const n = constantValue(c.r);
      const d = domains.get(llen);
      if (d && typeof n === 'number') {
        if (c.op === '>') d.minLength = n + 1;
        else if (c.op === '>=') d.minLength = n;
        else if (c.op === '<') d.maxLength = n - 1;
        else if (c.op === '<=') d.maxLength = n;
        else if (c.op === '=') d.minLength = d.maxLength = n;
      }
      return;
    }
    if (lcol !== undefined && rcol === undefined && c.l.k === 'col') narrowCmp(domains.get(lcol), c.op, constantValue(c.r));
    else if (rcol !== undefined && lcol === undefined && c.r.k === 'col') narrowCmp(domains.get(rcol), FLIP[c.op], constantValue(c.l));
    else if (lcol !== undefined && rcol === undefined && c.op === '=') {
      const v = constantValue(c.r);
      const d = domains.get(lcol);
      if (d && v !== undefined && v !== null) d.values = [v];
    }
    return;
  }
  if (c.k === 'between' && !c.neg) {
    const col = c.e.k === 'col' ? c.e.name : undefined;
    const d = col ? domains.get(col) : undefined;
    if (!d) return;
    narrowCmp(d, '>=', constantValue(c.lo));
    narrowCmp(d, '<=', constantValue(c.hi));
    return;
  }
  if (c.k === 'in') {
    const col = unwrapCol(c.e);
    const d = col ? domains.get(col) : undefined;
    if (!d) return;
    const values = c.list.map(constantValue);
    if (values.some((v) => v === undefined)) return;
    if (c.neg) for (const v of values) (d.excluded ??= new Set()).add(String(v));
    else d.values = (values as Scalar[]).filter((v) => v !== null).map((v) => coerce(v, d));
    return;
  }
  if ((c.k === 'like' || c.k === 'regex') && !c.neg) {
    const col = unwrapCol(c.e);
    const d = col ? domains.get(col) : undefined;
    const p = constantValue(c.pattern);
    if (d && typeof p === 'string') {
      if (c.k === 'like') d.like = p;
      else d.regex = p;
    }
  }
}

function coerce(v: Scalar, d: ValueDomain): Scalar {
  const k = d.type.kind;
  if ((k === 'int' || k === 'decimal' || k === 'float' || k === 'money' || k === 'year') && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if ((k === 'date' || k === 'timestamp' || k === 'timestamptz') && typeof v === 'string') return asNumber(v, d) ?? v;
  if (k === 'bool' && typeof v === 'number') return v !== 0;
  return v;
}

function narrowCmp(d: ValueDomain | undefined, op: CmpOp, v: Scalar | undefined): void {
  if (!d || v === undefined || v === null) return;
  const k = d.type.kind;
  if (k === 'text' || k === 'enum' || k === 'uuid') {
    if (op === '=') d.values = [String(v)];
    else if (op === '<>') (d.excluded ??= new Set()).add(String(v));
    return;
  }
  const n = asNumber(v, d);
  if (n !== undefined) bound(d, op, n);
}

export interface RepairContext {
  domains: Map<string, ValueDomain>;
  /** Columns the repair must not change (keys, foreign keys already chosen). */
  frozen: Set<string>;
  nullable: Set<string>;
  /** Frozen columns that may still be set to NULL (nullable foreign keys): "exactly one of a, b". */
  nullableFrozen?: Set<string>;
  rng: Random;
  index: number;
}

/** Tries to make `e` evaluate to `target` by changing the columns it reads. */
export function force(e: Expr, target: boolean, row: Row, ctx: RepairContext): void {
  if (evaluate(e, row) === target) return;
  switch (e.k) {
    case 'and':
      if (target) for (const a of e.args) force(a, true, row, ctx);
      else force(ctx.rng.pick(e.args), false, row, ctx);
      return;
    case 'or':
      if (target) {
        // Prefer a branch that needs no NULL (keeps data populated), try the others after.
        const order = [...e.args].sort((a, b) => Number(a.k === 'isnull') - Number(b.k === 'isnull'));
        for (const a of order) {
          force(a, true, row, ctx);
          if (evaluate(e, row) === true) return;
        }
      } else for (const a of e.args) force(a, false, row, ctx);
      return;
    case 'not':
      force(e.arg, !target, row, ctx);
      return;
    case 'isnull': {
      const col = unwrapCol(e.e);
      const wantNull = target !== e.neg;
      if (col && wantNull && ctx.nullableFrozen?.has(col)) {
        row[col] = null;
        return;
      }
      if (!col || ctx.frozen.has(col)) return;
      if (wantNull) {
        if (ctx.nullable.has(col)) row[col] = null;
      } else {
        const d = ctx.domains.get(col);
        if (d) row[col] = drawValue(d, ctx.rng, ctx.index);
      }
      return;
    }
    case 'istrue':
      force(e.e, target === e.value !== e.neg, row, ctx);
      return;
    case 'in': {
      const col = unwrapCol(e.e);
      if (!col || ctx.frozen.has(col)) return;
      const d = ctx.domains.get(col);
      if (!d) return;
      if (target !== e.neg) {
        const values = e.list.map(constantValue).filter((v) => v !== undefined && v !== null) as Scalar[];
        if (values.length) row[col] = fitCase(e.e, ctx.rng.pick(values));
      } else redraw(e, target, row, ctx, col);
      return;
    }
    case 'between': {
      const col = unwrapCol(e.e);
      const [lo, hi] = [constantValue(e.lo), constantValue(e.hi)];
      if (!col || ctx.frozen.has(col) || lo === undefined || hi === undefined || lo === null || hi === null) return;
      const d = ctx.domains.get(col);
      if (!d) return;
      if (target !== e.neg) row[col] = drawValue({ ...d, values: undefined, min: asNumber(lo, d), max: asNumber(hi, d) }, ctx.rng, ctx.index);
      else redraw(e, target, row, ctx, col);
      return;
    }
    case 'cmp':
      forceCmp(e, target, row, ctx);
      return;
    default:
      // LIKE/regex/functions: redraw the columns it reads, a few times.
      redrawColumns(e, target, row, ctx);
  }
}

function fitCase(e: Expr, v: Scalar): Scalar {
  if (e.k === 'func' && e.name === 'lower' && typeof v === 'string') return v.toLowerCase();
  return v;
}

function redraw(e: Expr, target: boolean, row: Row, ctx: RepairContext, col: string): void {
  const d = ctx.domains.get(col);
  if (!d) return;
  for (let i = 0; i < 10 && evaluate(e, row) !== target; i++) row[col] = drawValue(d, ctx.rng, ctx.index);
}

const NEGATE: Record<CmpOp, CmpOp> = { '=': '<>', '<>': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

function isBoolish(e: Expr): boolean {
  return ['cmp', 'and', 'or', 'not', 'isnull', 'istrue', 'in', 'between', 'like', 'regex'].includes(e.k);
}

function forceCmp(e: Extract<Expr, { k: 'cmp' }>, target: boolean, row: Row, ctx: RepairContext): void {
  // (A) = (B) between truth values: an implication / equivalence. Make B follow A (or A follow B).
  if (isBoolish(e.l) && isBoolish(e.r) && (e.op === '=' || e.op === '<>')) {
    const equal = (e.op === '=') === target;
    const a = evaluate(e.l, row);
    if (a === true || a === false) {
      force(e.r, equal ? a : !a, row, ctx);
      if (evaluate(e, row) === target) return;
    }
    const b = evaluate(e.r, row);
    if (b === true || b === false) force(e.l, equal ? b : !b, row, ctx);
    return;
  }
  const op = target ? e.op : NEGATE[e.op];
  const lcol = unwrapCol(e.l);
  const rcol = unwrapCol(e.r);
  // Change the left column when it may change, else the right one (with the operator mirrored).
  if (lcol && !ctx.frozen.has(lcol) && e.l.k === 'col') setRelative(lcol, op, e.r, row, ctx);
  else if (rcol && !ctx.frozen.has(rcol) && e.r.k === 'col') setRelative(rcol, FLIP[op], e.l, row, ctx);
  else redrawColumns(e, target, row, ctx);
}

/** Last resort: redraw the columns the expression reads (nullable ones sometimes NULL), a few times. */
function redrawColumns(e: Expr, target: boolean, row: Row, ctx: RepairContext): void {
  const cols = [...columnsOf(e)].filter((c) => !ctx.frozen.has(c) || ctx.nullableFrozen?.has(c));
  for (let i = 0; i < 8 && evaluate(e, row) !== target; i++)
    for (const c of cols) {
      const d = ctx.domains.get(c);
      if (ctx.nullable.has(c) && ctx.rng.next() < 0.5) row[c] = null;
      else if (ctx.frozen.has(c)) continue;
      else if (d) row[c] = drawValue(d, ctx.rng, ctx.index);
    }
}

/** Sets `col` so that `col op other` holds, other being a column or a constant expression. */
function setRelative(col: string, op: CmpOp, other: Expr, row: Row, ctx: RepairContext): void {
  const d = ctx.domains.get(col);
  if (!d) return;
  let ref: Scalar | undefined;
  if (other.k === 'col') {
    ref = row[other.name] as Scalar;
    if (ref === null || ref === undefined) return;
  } else ref = evaluateConst(other, row) ?? valueOf(other, row);
  if (ref === undefined || ref === null) return;
  if (d.type.kind === 'text' || d.type.kind === 'enum' || d.type.kind === 'uuid' || d.type.kind === 'bool') {
    if (op === '=') row[col] = ref;
    else for (let i = 0; i < 10 && compare(row[col] as Scalar, ref) === 0; i++) row[col] = drawValue(d, ctx.rng, ctx.index);
    return;
  }
  const n = asNumber(ref, d);
  if (n === undefined) return;
  const isTime = d.type.kind === 'date' || d.type.kind === 'timestamp' || d.type.kind === 'timestamptz';
  const [lo, hi] = isTime ? timeRange(d) : effectiveRange(d);
  const s = step(d);
  const span = isTime ? 120 * DAY : Math.max(s, Math.min((hi - lo) / 4, 100));
  let min = d.min ?? -Infinity;
  let max = d.max ?? Infinity;
  if (op === '>') min = Math.max(min, n + s);
  else if (op === '>=') min = Math.max(min, n);
  else if (op === '<') max = Math.min(max, n - s);
  else if (op === '<=') max = Math.min(max, n);
  else if (op === '=') min = max = n;
  else {
    for (let i = 0; i < 10 && compare(row[col] as Scalar, n) === 0; i++) row[col] = drawValue(d, ctx.rng, ctx.index);
    return;
  }
  if (min === -Infinity) min = max - span;
  if (max === Infinity) max = min + span;
  if (min > max) return;
  // Close to the reference (skewed towards it): an end date shortly after its start.
  const u = ctx.rng.next();
  const v = min + u * u * (max - min);
  const k = d.type.kind;
  if (k === 'date') row[col] = Math.min(max, Math.ceil(v / DAY) * DAY);
  else if (k === 'timestamp' || k === 'timestamptz') row[col] = Math.min(Math.floor(max / 1000) * 1000, Math.ceil(v / 1000) * 1000);
  else if (k === 'int' || k === 'year') row[col] = Math.min(Math.floor(max), Math.ceil(v));
  else if (k === 'decimal' || k === 'money') {
    const f = 10 ** (d.type.scale ?? 0);
    row[col] = Math.min(Math.floor(max * f) / f, Math.ceil(v * f) / f);
  } else row[col] = v;
}

function evaluateConst(e: Expr, row: Row): Scalar | undefined {
  const c = constantValue(e);
  if (c !== undefined) return c;
  // col + constant and the like
  if (e.k === 'arith') {
    const t = evaluate({ k: 'cmp', op: '=', l: e, r: e }, row);
    if (t === undefined) return undefined;
    const l = e.l.k === 'col' ? (row[e.l.name] as Scalar) : constantValue(e.l);
    const r = e.r.k === 'col' ? (row[e.r.name] as Scalar) : constantValue(e.r);
    if (typeof l === 'number' && typeof r === 'number') return e.op === '+' ? l + r : e.op === '-' ? l - r : e.op === '*' ? l * r : e.op === '/' && r !== 0 ? l / r : undefined;
  }
  return undefined;
}
