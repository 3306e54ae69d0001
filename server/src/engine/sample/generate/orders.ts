// sales.orders, sales.order_lines, sales.shipments and sales.returns.
import type { Random } from '../random';
import { sizeWeight } from './people';
import type { Account, Order, OrderLine, OrderStatus, Product, SampleWorld, Shipment, User } from '../records';
import { money, type SqlValue } from '../sql-values';
import { DATA_AS_OF, DATA_START, DAY, HOUR, timestamp, toMinute } from '../time';
import { ORDER_NOTES } from '../vocabulary';

const ORDER_COUNT = 1200;
/** Discontinued products were last sold before this date. */
const DISCONTINUED_AT = Date.UTC(2024, 6, 1);

/** The same rounding as the generated column sales.order_lines.line_total (half away from zero). */
export function lineTotalCents(quantity: number, priceCents: number, discountPct: number): number {
  return Math.floor((quantity * priceCents * (100 - discountPct) + 50) / 100);
}

function orderDates(rng: Random, world: SampleWorld): { account: Account; orderedAt: number }[] {
  // Bigger customers order more often. The business grows because customers keep arriving.
  const weights = world.accounts.map((a) => [a, sizeWeight(a.customer.size)] as const);
  const drafts = [];
  while (drafts.length < ORDER_COUNT) {
    const account = rng.weighted(weights);
    const from = Math.max(DATA_START, account.createdAt + DAY);
    const until = account.customer.lapsedAt ?? DATA_AS_OF;
    if (until <= from) continue;
    drafts.push({ account, orderedAt: toMinute(from + rng.next() * (until - from)) });
  }
  // Ids ascend with time, as a real sequence would hand them out.
  return drafts.sort((a, b) => a.orderedAt - b.orderedAt);
}

function orderLines(rng: Random, products: readonly Product[], orderedAt: number): OrderLine[] {
  const available = products.filter((p) => p.launchedAt <= orderedAt && (p.active || orderedAt < DISCONTINUED_AT));
  const count = rng.weighted([[1, 30], [2, 25], [3, 20], [4, 12], [5, 8], [6, 5]] as const);
  return rng.sample(available, count).map((product, i) => {
    const quantity = !product.physical ? rng.int(1, 5) : product.priceCents < 20000 ? 1 + rng.skewed(0, 49, 2) : 1 + rng.skewed(0, 19, 3);
    const discountPct = rng.weighted([[0, 55], [5, 20], [10, 15], [15, 7], [20, 3]] as const);
    return { lineNo: i + 1, product, quantity, discountPct, totalCents: lineTotalCents(quantity, product.priceCents, discountPct) };
  });
}

/** Older orders have moved further along; a few were cancelled. */
function orderStatus(rng: Random, orderedAt: number, physical: boolean): OrderStatus {
  const age = DATA_AS_OF - orderedAt;
  if (age > DAY && rng.chance(0.04)) return 'cancelled';
  if (age < 2 * DAY) return rng.chance(0.7) ? 'pending' : 'confirmed';
  if (age < 7 * DAY) return physical && rng.chance(0.5) ? 'shipped' : 'confirmed';
  if (age < 21 * DAY) return physical ? (rng.chance(0.4) ? 'shipped' : 'delivered') : rng.chance(0.6) ? 'delivered' : 'confirmed';
  return 'delivered';
}

function pickPlacedBy(rng: Random, users: readonly User[], orderedAt: number): User | null {
  const candidates = users.filter((u) => u.createdAt <= orderedAt && u.role !== 'billing');
  // Some orders are phoned in and entered by the sales rep.
  return candidates.length && rng.chance(0.8) ? rng.pick(candidates) : null;
}

function generateShipments(rng: Random, world: SampleWorld, order: Order): Shipment[] {
  const physical = order.lines.filter((l) => l.product.physical);
  if (!physical.length || (order.status !== 'shipped' && order.status !== 'delivered')) return [];
  const region = order.account.customer.country.region;
  const local = world.warehouses.filter((w) => w.region === region);
  const parcels = physical.length >= 2 && rng.chance(0.1) ? 2 : 1;
  const carriers = region === 'NA' ? ['UPS', 'FedEx', 'USPS'] : region === 'EU' ? ['DHL', 'UPS'] : ['DHL', 'FedEx'];
  const out: Shipment[] = [];
  for (let i = 0; i < parcels; i++) {
    // A split order sends the back-ordered part from a US site.
    const warehouse = i === 0 ? rng.pick(local) : rng.pick(world.warehouses.filter((w) => w.region === 'NA'));
    const age = DATA_AS_OF - order.orderedAt;
    const shippedAt = toMinute(order.orderedAt + Math.min(rng.int(12, 96) * HOUR, age * 0.4) + i * DAY * 0.1);
    const deliveredAt = order.status === 'delivered' ? toMinute(shippedAt + Math.min(rng.int(20, 150) * HOUR, (DATA_AS_OF - shippedAt) * 0.8)) : null;
    const id = world.shipments.length + 1;
    const carrier = rng.pick(carriers);
    // id * 7919 + r with r < 7919 never collides: tracking numbers are unique.
    const trackingNo = `${carrier === 'UPS' ? '1Z' : carrier.slice(0, 2).toUpperCase()}${10_000_000 + id * 7919 + rng.int(0, 7918)}`;
    const s: Shipment = { id, order, warehouseId: warehouse.id, carrier, trackingNo, shippedAt, deliveredAt };
    world.shipments.push(s);
    out.push(s);
  }
  return out;
}

function returnRows(rng: Random, order: Order, shipments: readonly Shipment[], nextId: () => number): SqlValue[][] {
  const delivered = Math.max(...shipments.map((s) => s.deliveredAt ?? Infinity));
  if (order.status !== 'delivered' || !Number.isFinite(delivered)) return [];
  const rows: SqlValue[][] = [];
  for (const line of order.lines) {
    if (!line.product.physical || !rng.chance(0.035)) continue;
    const returnedAt = toMinute(delivered + rng.int(2, 30) * DAY + rng.int(0, 23) * HOUR);
    if (returnedAt > DATA_AS_OF) continue;
    const quantity = rng.int(1, Math.min(line.quantity, 3));
    const reason = rng.weighted([['defective', 4], ['wrong_item', 2], ['not_needed', 3], ['damaged_in_transit', 2]] as const);
    rows.push([nextId(), order.id, line.lineNo, quantity, reason, timestamp(returnedAt), returnedAt < DATA_AS_OF - 10 * DAY || rng.chance(0.3)]);
  }
  return rows;
}

export function generateOrders(rng: Random, world: SampleWorld): void {
  const usersByAccount = new Map<number, User[]>();
  for (const u of world.users) usersByAccount.set(u.account.id, [...(usersByAccount.get(u.account.id) ?? []), u]);
  const reps = world.employees.filter((e) => e.title === 'Account Executive');
  const orderRows: SqlValue[][] = [];
  const lineRows: SqlValue[][] = [];
  const shipmentRows: SqlValue[][] = [];
  const returnRowsAll: SqlValue[][] = [];
  let returnId = 0;
  for (const [i, { account, orderedAt }] of orderDates(rng, world).entries()) {
    const lines = orderLines(rng, world.products, orderedAt);
    const status = orderStatus(rng, orderedAt, lines.some((l) => l.product.physical));
    const placedBy = pickPlacedBy(rng, usersByAccount.get(account.id) ?? [], orderedAt);
    const repId = rng.chance(0.85) ? account.customer.managerId : rng.pick(reps).id;
    const order: Order = { id: i + 1, account, placedBy, repId, status, orderedAt, lines, totalCents: lines.reduce((s, l) => s + l.totalCents, 0) };
    world.orders.push(order);
    const po = rng.chance(0.4) ? `PO-${new Date(orderedAt).getUTCFullYear()}-${rng.int(1000, 99999)}` : null;
    const notes = rng.chance(0.1) ? rng.pick(ORDER_NOTES) : null;
    orderRows.push([order.id, account.id, placedBy?.id ?? null, repId, status, timestamp(orderedAt), po, notes]);
    for (const l of lines) lineRows.push([order.id, l.lineNo, l.product.id, l.quantity, money(l.product.priceCents), l.discountPct]);
    const shipments = generateShipments(rng, world, order);
    for (const s of shipments) {
      shipmentRows.push([s.id, order.id, s.warehouseId, s.carrier, s.trackingNo, timestamp(s.shippedAt), s.deliveredAt === null ? null : timestamp(s.deliveredAt)]);
    }
    returnRowsAll.push(...returnRows(rng, order, shipments, () => ++returnId));
  }
  world.tables.push(
    { table: 'sales.orders', columns: ['order_id', 'account_id', 'placed_by', 'sales_rep_id', 'status', 'ordered_at', 'po_number', 'notes'], rows: orderRows },
    { table: 'sales.order_lines', columns: ['order_id', 'line_no', 'product_id', 'quantity', 'unit_price', 'discount_pct'], rows: lineRows },
    { table: 'sales.shipments', columns: ['shipment_id', 'order_id', 'warehouse_id', 'carrier', 'tracking_no', 'shipped_at', 'delivered_at'], rows: shipmentRows },
    { table: 'sales.returns', columns: ['return_id', 'order_id', 'line_no', 'quantity', 'reason', 'returned_at', 'refunded'], rows: returnRowsAll },
  );
}
