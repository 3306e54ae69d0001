// billing.plans, billing.subscriptions, billing.invoices (for orders and subscription quarters) and
// billing.payments. Invoice status follows the payments: paid exactly when they add up to the total.
import type { Random } from '../random';
import type { Account, Invoice, Order, Plan, SampleWorld, Subscription } from '../records';
import { money, type SqlValue } from '../sql-values';
import { DATA_AS_OF, DAY, HOUR, addMonths, date, startOfDay, timestamp, toMinute } from '../time';

const PLANS: readonly (readonly [string, string, number, number, boolean])[] = [
  // code, name, USD per seat and month, minimum seats, still sold
  ['starter', 'Starter', 1200, 1, true],
  ['team', 'Team', 2500, 5, true],
  ['business', 'Business', 4500, 10, true],
  ['enterprise', 'Enterprise', 8000, 50, true],
  ['pro-2021', 'Pro (2021, grandfathered)', 3000, 1, false],
];
const TRIAL_DAYS = 14;
const NET_DAYS = 30;

function generatePlans(world: SampleWorld): void {
  world.tables.push({
    table: 'billing.plans', columns: ['plan_id', 'code', 'name', 'price_per_seat_month', 'min_seats', 'is_public'],
    rows: PLANS.map(([code, name, priceCents, minSeats, isPublic], i) => {
      world.plans.push({ id: i + 1, code, priceCents, minSeats });
      return [i + 1, code, name, money(priceCents), minSeats, isPublic];
    }),
  });
}

function planFor(rng: Random, world: SampleWorld, size: number, startedAt: number): Plan {
  const byCode = (code: string): Plan => world.plans.find((p) => p.code === code)!;
  if (startedAt < Date.UTC(2023, 3, 1) && rng.chance(0.3)) return byCode('pro-2021');
  if (size >= 2000) return byCode(rng.chance(0.6) ? 'enterprise' : 'business');
  if (size >= 200) return byCode(rng.chance(0.6) ? 'business' : 'team');
  return byCode(rng.chance(0.6) ? 'team' : 'starter');
}

const UPGRADE: Record<string, string> = { starter: 'team', team: 'business', business: 'enterprise', 'pro-2021': 'business' };

/** A chain of subscriptions per account: maybe an upgrade or two, maybe a churn at the end. */
function subscriptionsFor(rng: Random, world: SampleWorld, account: Account): Subscription[] {
  const out: Subscription[] = [];
  let startedAt = startOfDay(account.createdAt + rng.int(0, 90) * DAY);
  let plan = planFor(rng, world, account.customer.size, startedAt);
  while (startedAt <= DATA_AS_OF) {
    const seats = Math.max(plan.minSeats, Math.min(1500, Math.round(account.customer.size * rng.int(2, 10) / 100)));
    const endAt = startedAt + rng.int(120, 700) * DAY;
    const upgrade = plan.code in UPGRADE && rng.chance(0.3);
    const churn = !upgrade && rng.chance(0.15);
    const sub: Subscription = { id: 0, account, plan, status: 'active', seats, startedAt, endedAt: null };
    out.push(sub);
    if ((upgrade || churn) && endAt < DATA_AS_OF) {
      sub.status = 'cancelled';
      sub.endedAt = endAt;
      if (churn) break;
      plan = world.plans.find((p) => p.code === UPGRADE[plan.code])!;
      startedAt = endAt + DAY;
      continue;
    }
    if (DATA_AS_OF - startedAt < TRIAL_DAYS * DAY) sub.status = 'trialing';
    break;
  }
  return out;
}

/** Sales tax in cents, rounded half up. */
function taxCents(subtotalCents: number, account: Account): number {
  return Math.floor((subtotalCents * account.customer.country.taxBasisPoints + 5000) / 10000);
}

function draftInvoices(world: SampleWorld): Invoice[] {
  const drafts: Invoice[] = [];
  const draft = (account: Account, issuedAt: number, subtotalCents: number, order: Order | null, subscription: Subscription | null): void => {
    drafts.push({ id: 0, invoiceNo: '', account, order, subscription, status: 'open', issuedAt, dueAt: issuedAt + NET_DAYS * DAY, subtotalCents, taxCents: taxCents(subtotalCents, account) });
  };
  for (const order of world.orders) {
    // Invoiced on confirmation; pending and cancelled orders have no invoice.
    if (order.status === 'pending' || order.status === 'cancelled') continue;
    draft(order.account, startOfDay(order.orderedAt), order.totalCents, order, null);
  }
  for (const sub of world.subscriptions) {
    // Billed quarterly in advance, from the end of the free trial until the subscription ends.
    const last = Math.min(sub.endedAt ?? DATA_AS_OF, DATA_AS_OF);
    for (let at = sub.startedAt + TRIAL_DAYS * DAY; at <= last; at = addMonths(at, 3)) {
      draft(sub.account, at, sub.plan.priceCents * sub.seats * 3, null, sub);
    }
  }
  // Invoice numbers run per year in issue order: INV-2024-000001, ...
  drafts.sort((a, b) => a.issuedAt - b.issuedAt);
  const perYear = new Map<number, number>();
  for (const [i, inv] of drafts.entries()) {
    const year = new Date(inv.issuedAt).getUTCFullYear();
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    inv.id = i + 1;
    inv.invoiceNo = `INV-${year}-${String(n).padStart(6, '0')}`;
  }
  return drafts;
}

/** Payments for one invoice and the status they imply. Most pay on time, some late, a few never. */
function settle(rng: Random, inv: Invoice): { status: Invoice['status']; payments: { amountCents: number; paidAt: number }[] } {
  const total = inv.subtotalCents + inv.taxCents;
  const notDueYet = inv.dueAt > DATA_AS_OF;
  const roll = rng.next();
  const payAt = (earliest: number): number => toMinute(earliest + rng.int(1, NET_DAYS + 10) * DAY + rng.int(8, 17) * HOUR);
  if (notDueYet ? roll < 0.5 : roll < 0.06) return { status: 'open', payments: [] };
  if (!notDueYet && roll < 0.08 && DATA_AS_OF - inv.dueAt > 120 * DAY) return { status: 'uncollectible', payments: [] };
  if (roll < 0.16 && total > 1000) {
    // Instalments: the first half is in; the rest is paid too unless the invoice is still open.
    const first = Math.floor(total / 2);
    const firstAt = payAt(inv.issuedAt);
    if (firstAt > DATA_AS_OF) return { status: 'open', payments: [] };
    const secondAt = payAt(firstAt);
    if (rng.chance(0.3) || secondAt > DATA_AS_OF) return { status: 'open', payments: [{ amountCents: first, paidAt: firstAt }] };
    return { status: 'paid', payments: [{ amountCents: first, paidAt: firstAt }, { amountCents: total - first, paidAt: secondAt }] };
  }
  // Money that would arrive after the data ends has not arrived: the invoice is still open.
  const paidAt = payAt(inv.issuedAt);
  return paidAt > DATA_AS_OF ? { status: 'open', payments: [] } : { status: 'paid', payments: [{ amountCents: total, paidAt }] };
}

function generateInvoicesAndPayments(rng: Random, world: SampleWorld): void {
  world.invoices = draftInvoices(world);
  const paymentRows: SqlValue[][] = [];
  for (const inv of world.invoices) {
    const { status, payments } = settle(rng, inv);
    inv.status = status;
    const method = inv.subscription ? rng.weighted([['card', 6], ['ach', 2], ['paypal', 1]] as const) : rng.weighted([['wire', 5], ['ach', 3], ['card', 2]] as const);
    for (const p of payments) {
      const id = world.payments.length + 1;
      world.payments.push({ id, invoice: inv, amountCents: p.amountCents, method, paidAt: p.paidAt });
      paymentRows.push([id, inv.id, money(p.amountCents), method, timestamp(p.paidAt), method === 'card' || method === 'paypal' ? `ch_${(id * 2654435761 % 4294967296).toString(36)}${id}` : null]);
    }
  }
  world.tables.push({
    table: 'billing.invoices', columns: ['invoice_id', 'invoice_no', 'account_id', 'order_id', 'subscription_id', 'status', 'issued_on', 'due_on', 'subtotal', 'tax'],
    rows: world.invoices.map((i) => [i.id, i.invoiceNo, i.account.id, i.order?.id ?? null, i.subscription?.id ?? null, i.status, date(i.issuedAt), date(i.dueAt), money(i.subtotalCents), money(i.taxCents)]),
  });
  world.tables.push({ table: 'billing.payments', columns: ['payment_id', 'invoice_id', 'amount', 'method', 'paid_at', 'reference'], rows: paymentRows });
}

/** A live subscription whose latest invoice is overdue is past_due. */
function markPastDue(world: SampleWorld): void {
  const latest = new Map<Subscription, Invoice>();
  for (const inv of world.invoices) if (inv.subscription) latest.set(inv.subscription, inv); // issue order
  for (const [sub, inv] of latest) {
    if (sub.status === 'active' && inv.status === 'open' && inv.dueAt < DATA_AS_OF) sub.status = 'past_due';
  }
}

export function generateBilling(rng: Random, world: SampleWorld): void {
  generatePlans(world);
  for (const account of world.accounts) {
    if (!rng.chance(0.65)) continue;
    for (const sub of subscriptionsFor(rng, world, account)) {
      sub.id = world.subscriptions.length + 1;
      world.subscriptions.push(sub);
    }
  }
  // Subscriptions are inserted after invoices are known, because past_due depends on them.
  const subscriptionsTable = { table: 'billing.subscriptions', columns: ['subscription_id', 'account_id', 'plan_id', 'status', 'seats', 'started_on', 'ended_on'], rows: [] as SqlValue[][] };
  world.tables.push(subscriptionsTable);
  generateInvoicesAndPayments(rng, world);
  markPastDue(world);
  subscriptionsTable.rows = world.subscriptions.map((s) => [s.id, s.account.id, s.plan.id, s.status, s.seats, date(s.startedAt), s.endedAt === null ? null : date(s.endedAt)]);
}
