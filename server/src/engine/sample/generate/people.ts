// crm.employees, crm.customers, crm.accounts, crm.users, crm.tags and crm.customer_tags.
import type { Random } from '../random';
import type { Account, Customer, Employee, SampleWorld, User } from '../records';
import { DATA_AS_OF, DAY, date, timestamp, toMinute } from '../time';
import {
  ACCOUNT_NAMES, COMPANY_FIRST, COMPANY_SECOND, COUNTRIES, FIRST_NAMES, GENERIC_INDUSTRIES,
  INDUSTRY_BY_WORD, LAST_NAMES, TAGS,
} from '../vocabulary';

const CUSTOMER_COUNT = 150;
const CUSTOMERS_FROM = Date.UTC(2022, 0, 1);
const CUSTOMERS_UNTIL = Date.UTC(2025, 4, 31);

/** Grows slowly with company size (5 -> 1.5, 25,000 -> 12.6): weights orders, tickets and users. */
export function sizeWeight(size: number): number {
  return Math.sqrt(Math.sqrt(size));
}

/** Makes unique person names: the same first+last pair never appears twice in one list. */
class NameMaker {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Random) {}
  next(): { first: string; last: string; full: string } {
    for (;;) {
      const first = this.rng.pick(FIRST_NAMES);
      const last = this.rng.pick(LAST_NAMES);
      const full = `${first} ${last}`;
      if (!this.used.has(full)) {
        this.used.add(full);
        return { first, last, full };
      }
    }
  }
}

/** 'Müller' -> 'muller', "O'Brien" -> 'obrien', 'de Vries' -> 'devries': safe in an e-mail local part. */
export function emailPart(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
}

// The org chart: [title, department, how many, title of the manager].
const ORG: readonly (readonly [string, string, number, string | null])[] = [
  ['Chief Executive Officer', 'Executive', 1, null],
  ['VP Sales', 'Sales', 1, 'Chief Executive Officer'],
  ['VP Customer Support', 'Support', 1, 'Chief Executive Officer'],
  ['VP Operations', 'Operations', 1, 'Chief Executive Officer'],
  ['Chief Financial Officer', 'Finance', 1, 'Chief Executive Officer'],
  ['Regional Sales Manager', 'Sales', 3, 'VP Sales'],
  ['Account Executive', 'Sales', 13, 'Regional Sales Manager'],
  ['Support Team Lead', 'Support', 2, 'VP Customer Support'],
  ['Support Engineer', 'Support', 9, 'Support Team Lead'],
  ['Warehouse Manager', 'Operations', 2, 'VP Operations'],
  ['Logistics Coordinator', 'Operations', 3, 'Warehouse Manager'],
  ['Accountant', 'Finance', 2, 'Chief Financial Officer'],
];

function generateEmployees(rng: Random, world: SampleWorld): void {
  const names = new NameMaker(rng);
  const byTitle = new Map<string, Employee[]>();
  const rows = [];
  for (const [title, department, count, managerTitle] of ORG) {
    for (let i = 0; i < count; i++) {
      const managers = managerTitle ? byTitle.get(managerTitle)! : [];
      const manager = managers.length ? managers[i % managers.length]! : null;
      const name = names.next();
      const senior = managerTitle === null || managerTitle === 'Chief Executive Officer';
      const hiredOn = senior ? Date.UTC(2015 + rng.int(0, 3), rng.int(0, 11), rng.int(1, 28)) : Date.UTC(2018 + rng.int(0, 6), rng.int(0, 11), rng.int(1, 28));
      // A few individual contributors have left; their rows stay for history (old orders name them).
      const active = senior || !title.endsWith('Executive') && !title.endsWith('Engineer') || rng.chance(0.85);
      const e: Employee = { id: world.employees.length + 1, managerId: manager?.id ?? null, name: name.full, department, title, active };
      world.employees.push(e);
      byTitle.set(title, [...(byTitle.get(title) ?? []), e]);
      rows.push([e.id, e.managerId, e.name, `${emailPart(name.first)}.${emailPart(name.last)}@acme.example`, title, department, date(hiredOn), active]);
    }
  }
  world.tables.push({ table: 'crm.employees', columns: ['employee_id', 'manager_id', 'full_name', 'email', 'title', 'department', 'hired_on', 'is_active'], rows });
}

/** Half small businesses, a third mid-market, the rest enterprises (the segment tags follow size). */
function companySize(rng: Random): number {
  const segment = rng.weighted([['smb', 50], ['mid-market', 35], ['enterprise', 15]] as const);
  if (segment === 'smb') return 5 + rng.skewed(0, 194, 1);
  if (segment === 'mid-market') return 200 + rng.skewed(0, 1799, 2);
  return 2000 + rng.skewed(0, 48000, 3);
}

function generateCustomers(rng: Random, world: SampleWorld): void {
  // Customers of reps who left were handed over, so every customer has an active account manager.
  const reps = world.employees.filter((e) => e.title === 'Account Executive' && e.active);
  const used = new Set<string>();
  const rows = [];
  while (world.customers.length < CUSTOMER_COUNT) {
    const first = rng.pick(COMPANY_FIRST);
    const second = rng.pick(COMPANY_SECOND);
    const base = `${first} ${second}`;
    if (used.has(base)) continue;
    used.add(base);
    const country = rng.weighted(COUNTRIES.map((c) => [c, c.weight] as const));
    const legal = rng.pick(country.legal);
    const c: Customer = {
      id: world.customers.length + 1,
      name: legal ? `${base} ${legal}` : base,
      domain: `${emailPart(first)}${emailPart(second)}.example`,
      country,
      size: companySize(rng),
      createdAt: toMinute(CUSTOMERS_FROM + rng.next() * (CUSTOMERS_UNTIL - CUSTOMERS_FROM)),
      managerId: rng.pick(reps).id,
      lapsedAt: null,
    };
    // About one customer in eight stopped ordering at some point after its first quarter.
    const lapseFrom = c.createdAt + 90 * DAY;
    const lapseUntil = DATA_AS_OF - 90 * DAY;
    if (lapseFrom < lapseUntil && rng.chance(0.12)) c.lapsedAt = toMinute(lapseFrom + rng.next() * (lapseUntil - lapseFrom));
    world.customers.push(c);
    const industry = INDUSTRY_BY_WORD[second] ?? rng.pick(GENERIC_INDUSTRIES);
    rows.push([c.id, c.name, industry, country.code, c.size, c.managerId, timestamp(c.createdAt)]);
  }
  world.tables.push({ table: 'crm.customers', columns: ['customer_id', 'name', 'industry', 'country_code', 'employee_count', 'account_manager_id', 'created_at'], rows });
}

function generateAccounts(rng: Random, world: SampleWorld): void {
  const rows = [];
  for (const customer of world.customers) {
    // Bigger companies split their spending over more billing accounts.
    const count = customer.size > 5000 ? rng.int(2, 3) : customer.size > 500 ? rng.int(1, 2) : 1;
    const names = ['Headquarters', ...rng.sample(ACCOUNT_NAMES.slice(1), count - 1)];
    for (const [i, name] of names.entries()) {
      const createdAt = Math.min(customer.createdAt + (i === 0 ? 0 : rng.int(1, 400) * DAY), DATA_AS_OF - 30 * DAY);
      const a: Account = { id: world.accounts.length + 1, customer, currency: customer.country.currency, createdAt: Math.max(createdAt, customer.createdAt) };
      world.accounts.push(a);
      const billingEmail = i === 0 ? `billing@${customer.domain}` : `ap+${emailPart(name)}@${customer.domain}`;
      rows.push([a.id, customer.id, name, billingEmail, a.currency, timestamp(a.createdAt)]);
    }
  }
  world.tables.push({ table: 'crm.accounts', columns: ['account_id', 'customer_id', 'name', 'billing_email', 'currency', 'created_at'], rows });
}

function generateUsers(rng: Random, world: SampleWorld): void {
  const rows = [];
  const emails = new Set<string>();
  for (const account of world.accounts) {
    const names = new NameMaker(rng);
    const count = 1 + Math.min(8, Math.floor(sizeWeight(account.customer.size) * rng.next()));
    for (let i = 0; i < count; i++) {
      const name = names.next();
      let email = `${emailPart(name.first)}.${emailPart(name.last)}@${account.customer.domain}`;
      for (let n = 2; emails.has(email); n++) email = `${emailPart(name.first)}.${emailPart(name.last)}${n}@${account.customer.domain}`;
      emails.add(email);
      const createdAt = toMinute(account.createdAt + (i === 0 ? 0 : rng.next() * (DATA_AS_OF - account.createdAt) * 0.6));
      const role = i === 0 ? 'owner' : i === 1 ? 'billing' : rng.weighted([['member', 6], ['admin', 1]] as const);
      const u: User = { id: world.users.length + 1, account, createdAt, role };
      world.users.push(u);
      const lastLogin = rng.chance(0.1) ? null : timestamp(toMinute(createdAt + rng.next() * (DATA_AS_OF - createdAt)));
      rows.push([u.id, account.id, email, name.full, role, timestamp(createdAt), lastLogin]);
    }
  }
  world.tables.push({ table: 'crm.users', columns: ['user_id', 'account_id', 'email', 'full_name', 'role', 'created_at', 'last_login_at'], rows });
}

function generateTags(rng: Random, world: SampleWorld): void {
  world.tables.push({ table: 'crm.tags', columns: ['tag_id', 'name', 'color'], rows: TAGS.map((t, i) => [i + 1, t.name, t.color]) });
  const tagId = (name: string): number => TAGS.findIndex((t) => t.name === name) + 1;
  const others = TAGS.map((t) => t.name).filter((n) => !['enterprise', 'mid-market', 'smb', 'churn-risk'].includes(n));
  const rows = [];
  for (const c of world.customers) {
    // Every customer carries exactly one segment tag, derived from its size, plus a few free ones.
    const segment = c.size >= 2000 ? 'enterprise' : c.size >= 200 ? 'mid-market' : 'smb';
    // churn-risk marks exactly the customers that lapsed.
    const names = [segment, ...(c.lapsedAt !== null ? ['churn-risk'] : []), ...rng.sample(others, rng.weighted([[0, 4], [1, 3], [2, 1]] as const))];
    for (const name of names) {
      rows.push([c.id, tagId(name), timestamp(toMinute(c.createdAt + rng.next() * (DATA_AS_OF - c.createdAt) * 0.5))]);
    }
  }
  world.tables.push({ table: 'crm.customer_tags', columns: ['customer_id', 'tag_id', 'tagged_at'], rows });
}

export function generatePeople(rng: Random, world: SampleWorld): void {
  generateEmployees(rng, world);
  generateCustomers(rng, world);
  generateAccounts(rng, world);
  generateUsers(rng, world);
  generateTags(rng, world);
}
