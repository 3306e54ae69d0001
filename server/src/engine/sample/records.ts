// In-memory shapes the generators hand to each other (ids, dates, amounts in cents), so a later
// generator can keep every constraint of the earlier tables: an order line only names a product
// launched before the order, a return never exceeds its line, a payment never exceeds its invoice.
import type { Country } from './vocabulary';
import type { TableRows } from './sql-values';

export interface Employee { id: number; managerId: number | null; name: string; department: string; title: string; active: boolean }
export interface Customer {
  id: number; name: string; domain: string; country: Country; size: number; createdAt: number; managerId: number;
  /** Set for customers that stopped buying (they place no orders after it and carry the churn-risk tag). */
  lapsedAt: number | null;
}
export interface Account { id: number; customer: Customer; currency: string; createdAt: number }
export interface User { id: number; account: Account; createdAt: number; role: string }
export interface Product { id: number; categoryId: number; priceCents: number; physical: boolean; active: boolean; launchedAt: number }
export interface Warehouse { id: number; code: string; region: Country['region'] }
export interface OrderLine { lineNo: number; product: Product; quantity: number; discountPct: number; totalCents: number }
export type OrderStatus = 'pending' | 'confirmed' | 'shipped' | 'delivered' | 'cancelled';
export interface Order {
  id: number; account: Account; placedBy: User | null; repId: number; status: OrderStatus;
  orderedAt: number; lines: OrderLine[]; totalCents: number;
}
export interface Shipment { id: number; order: Order; warehouseId: number; carrier: string; trackingNo: string; shippedAt: number; deliveredAt: number | null }
export interface Plan { id: number; code: string; priceCents: number; minSeats: number }
export type SubscriptionStatus = 'trialing' | 'active' | 'past_due' | 'cancelled';
export interface Subscription { id: number; account: Account; plan: Plan; status: SubscriptionStatus; seats: number; startedAt: number; endedAt: number | null }
export interface Invoice {
  id: number; invoiceNo: string; account: Account; order: Order | null; subscription: Subscription | null;
  status: 'open' | 'paid' | 'void' | 'uncollectible'; issuedAt: number; dueAt: number; subtotalCents: number; taxCents: number;
}
export interface Payment { id: number; invoice: Invoice; amountCents: number; method: string; paidAt: number }
export interface Ticket { id: number; customer: Customer; openedBy: User | null; assigneeId: number | null; openedAt: number; closedAt: number | null; status: string }

/** Everything generated so far, in the order the tables must be inserted (parents first). */
export interface SampleWorld {
  employees: Employee[];
  customers: Customer[];
  accounts: Account[];
  users: User[];
  products: Product[];
  warehouses: Warehouse[];
  orders: Order[];
  shipments: Shipment[];
  plans: Plan[];
  subscriptions: Subscription[];
  invoices: Invoice[];
  payments: Payment[];
  tickets: Ticket[];
  tables: TableRows[];
}

export function emptyWorld(): SampleWorld {
  return {
    employees: [], customers: [], accounts: [], users: [], products: [], warehouses: [], orders: [],
    shipments: [], plans: [], subscriptions: [], invoices: [], payments: [], tickets: [], tables: [],
  };
}
