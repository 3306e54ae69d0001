// crm.support_tickets and crm.ticket_comments.
import type { Random } from '../random';
import { sizeWeight } from './people';
import type { Customer, Order, SampleWorld, Ticket, User } from '../records';
import type { SqlValue } from '../sql-values';
import { DATA_AS_OF, DATA_START, DAY, HOUR, timestamp, toMinute } from '../time';
import { CUSTOMER_COMMENTS, EMPLOYEE_COMMENTS, INTERNAL_NOTES, TICKET_SUBJECTS_GENERAL, TICKET_SUBJECTS_ORDER } from '../vocabulary';

const TICKET_COUNT = 500;
/** Typical hours to resolve, by priority. */
const RESOLUTION_HOURS = { urgent: 8, high: 30, normal: 72, low: 200 } as const;

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export function generateSupport(rng: Random, world: SampleWorld): void {
  const usersByCustomer = groupBy(world.users, (u) => u.account.customer.id);
  const ordersByCustomer = groupBy(world.orders, (o) => o.account.customer.id);
  const agents = world.employees.filter((e) => e.department === 'Support' && e.title !== 'VP Customer Support');
  const weights = world.customers.map((c) => [c, sizeWeight(c.size)] as const);
  const drafts: { customer: Customer; openedAt: number }[] = [];
  while (drafts.length < TICKET_COUNT) {
    const customer = rng.weighted(weights);
    const from = Math.max(DATA_START, customer.createdAt + 7 * DAY);
    if (from >= DATA_AS_OF) continue;
    drafts.push({ customer, openedAt: toMinute(from + rng.next() * (DATA_AS_OF - from)) });
  }
  drafts.sort((a, b) => a.openedAt - b.openedAt);

  const ticketRows: SqlValue[][] = [];
  const commentRows: SqlValue[][] = [];
  for (const [i, { customer, openedAt }] of drafts.entries()) {
    const users = (usersByCustomer.get(customer.id) ?? []).filter((u) => u.createdAt <= openedAt);
    const openedBy: User | null = users.length && rng.chance(0.9) ? rng.pick(users) : null;
    const orders = (ordersByCustomer.get(customer.id) ?? []).filter((o) => o.orderedAt < openedAt && openedAt - o.orderedAt < 60 * DAY);
    const order: Order | null = orders.length && rng.chance(0.5) ? rng.pick(orders) : null;
    const subject = order ? `Order ${order.id}: ${rng.pick(TICKET_SUBJECTS_ORDER)}` : rng.pick(TICKET_SUBJECTS_GENERAL);
    const priority = rng.weighted([['low', 2], ['normal', 6], ['high', 2], ['urgent', 1]] as const);
    const age = DATA_AS_OF - openedAt;
    const assigneeId = age < 4 * HOUR && rng.chance(0.6) ? null : rng.pick(agents).id;
    const resolveAt = toMinute(openedAt + Math.max(HOUR / 2, RESOLUTION_HOURS[priority] * HOUR * (0.2 + rng.next() * 1.6)));
    const done = resolveAt < DATA_AS_OF && rng.chance(0.97);
    const status = done ? (rng.chance(0.3) ? 'resolved' : 'closed') : assigneeId && rng.chance(0.4) ? 'pending' : 'open';
    const t: Ticket = { id: i + 1, customer, openedBy, assigneeId, openedAt, closedAt: done ? resolveAt : null, status };
    world.tickets.push(t);
    ticketRows.push([t.id, customer.id, openedBy?.id ?? null, assigneeId, order?.id ?? null, subject, priority, status, timestamp(openedAt), t.closedAt === null ? null : timestamp(t.closedAt)]);

    // The conversation alternates between the customer and the agent, inside the ticket's lifetime.
    const end = t.closedAt ?? DATA_AS_OF;
    const count = assigneeId ? rng.int(1, 5) : rng.int(0, 1);
    for (let k = 0; k < count; k++) {
      const at = toMinute(openedAt + ((k + rng.next()) / count) * (end - openedAt));
      const byAgent = assigneeId !== null && (k % 2 === 1 || !openedBy);
      if (byAgent) {
        const internal = rng.chance(0.15);
        commentRows.push([t.id, null, assigneeId, rng.pick(internal ? INTERNAL_NOTES : EMPLOYEE_COMMENTS), internal, timestamp(at)]);
      } else if (openedBy) {
        commentRows.push([t.id, openedBy.id, null, rng.pick(CUSTOMER_COMMENTS), false, timestamp(at)]);
      }
    }
  }
  world.tables.push({ table: 'crm.support_tickets', columns: ['ticket_id', 'customer_id', 'opened_by', 'assignee_id', 'order_id', 'subject', 'priority', 'status', 'opened_at', 'closed_at'], rows: ticketRows });
  // comment_id is GENERATED ALWAYS: PostgreSQL numbers the comments in insert (= time per ticket) order.
  world.tables.push({ table: 'crm.ticket_comments', columns: ['ticket_id', 'author_user_id', 'author_employee_id', 'body', 'is_internal', 'created_at'], rows: commentRows });
}
