// crm.audit_events: the business log, derived from what the other generators produced so it
// agrees with them (every order has an order.created event at its ordered_at, ...).
import type { SampleWorld } from '../records';
import { money, type SqlValue } from '../sql-values';
import { timestamp } from '../time';

interface Event { at: number; userId: number | null; employeeId: number | null; type: string; entityId: number; action: string; details: Record<string, unknown> }

export function generateEvents(world: SampleWorld): void {
  const events: Event[] = [];
  const add = (e: Event): void => void events.push(e);
  for (const o of world.orders) {
    add({ at: o.orderedAt, userId: o.placedBy?.id ?? null, employeeId: o.placedBy ? null : o.repId, type: 'order', entityId: o.id, action: 'order.created', details: { lines: o.lines.length, total: money(o.totalCents) } });
    if (o.status === 'cancelled') add({ at: o.orderedAt + 3_600_000, userId: o.placedBy?.id ?? null, employeeId: o.placedBy ? null : o.repId, type: 'order', entityId: o.id, action: 'order.cancelled', details: {} });
  }
  for (const s of world.shipments) {
    // Deliveries are not logged: shipments.delivered_at has them (and the load stays fast).
    add({ at: s.shippedAt, userId: null, employeeId: null, type: 'shipment', entityId: s.id, action: 'shipment.shipped', details: { order_id: s.order.id, carrier: s.carrier, tracking_no: s.trackingNo } });
  }
  const lastPayment = new Map<number, number>();
  for (const p of world.payments) lastPayment.set(p.invoice.id, Math.max(lastPayment.get(p.invoice.id) ?? 0, p.paidAt));
  for (const inv of world.invoices) {
    const paidAt = lastPayment.get(inv.id);
    if (inv.status === 'paid' && paidAt !== undefined) add({ at: paidAt, userId: null, employeeId: null, type: 'invoice', entityId: inv.id, action: 'invoice.paid', details: { invoice_no: inv.invoiceNo, total: money(inv.subtotalCents + inv.taxCents) } });
  }
  for (const s of world.subscriptions) {
    add({ at: s.startedAt, userId: null, employeeId: null, type: 'subscription', entityId: s.id, action: 'subscription.started', details: { plan: s.plan.code, seats: s.seats } });
    if (s.endedAt !== null) add({ at: s.endedAt, userId: null, employeeId: null, type: 'subscription', entityId: s.id, action: 'subscription.cancelled', details: { plan: s.plan.code } });
  }
  for (const t of world.tickets) {
    add({ at: t.openedAt, userId: t.openedBy?.id ?? null, employeeId: null, type: 'ticket', entityId: t.id, action: 'ticket.opened', details: {} });
    if (t.closedAt !== null) add({ at: t.closedAt, userId: null, employeeId: t.assigneeId, type: 'ticket', entityId: t.id, action: `ticket.${t.status}`, details: {} });
  }
  // event_id is GENERATED ALWAYS: insert in time order so ids ascend with occurred_at (sort is stable).
  events.sort((a, b) => a.at - b.at);
  const rows: SqlValue[][] = events.map((e) => [timestamp(e.at), e.userId, e.employeeId, e.type, e.entityId, e.action, { json: e.details }]);
  world.tables.push({ table: 'crm.audit_events', columns: ['occurred_at', 'actor_user_id', 'actor_employee_id', 'entity_type', 'entity_id', 'action', 'details'], rows });
}
