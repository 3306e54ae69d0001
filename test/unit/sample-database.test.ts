// The bundled sample database "acme", loaded into a fresh in-memory PGlite exactly as the pglite
// driver does, then checked with real queries: shape of the schema, integrity of every foreign key,
// business rules the generator promises, determinism, and the views and functions.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import {
  SAMPLE_DATABASE_NAME, SAMPLE_DATA_AS_OF, SAMPLE_QUESTIONS, SAMPLE_SCHEMAS, SampleLoadError, generateSampleDataSql,
  loadSampleDatabase,
} from '../../server/src/engine/sample';

const SCHEMAS_SQL = `('crm', 'sales', 'billing')`;
/**
 * The load (schema + data + finalize) must stay well under 3 s. Asserted on this process's CPU time
 * (PGlite runs in-process), which other busy processes on the machine do not inflate as they do
 * wall time; both are printed.
 */
const LOAD_BUDGET_CPU_MS = 3000;

async function freshSampleDb(): Promise<{ db: PGlite; bootMs: number; loadMs: number; loadCpuMs: number }> {
  const booting = performance.now();
  const db = await PGlite.create();
  const started = performance.now();
  const cpu = process.cpuUsage();
  await loadSampleDatabase(async (sql) => {
    await db.exec(sql);
  });
  const used = process.cpuUsage(cpu);
  return { db, bootMs: started - booting, loadMs: performance.now() - started, loadCpuMs: (used.user + used.system) / 1000 };
}

async function rows<T>(db: PGlite, sql: string): Promise<T[]> {
  return (await db.query<T>(sql)).rows;
}

async function scalar<T>(db: PGlite, sql: string): Promise<T> {
  const [row] = await rows<Record<string, T>>(db, sql);
  assert.ok(row, `no row from: ${sql}`);
  return Object.values(row)[0]!;
}

/** md5 of a whole table in key order: equal checksums mean equal contents. */
function tableChecksum(db: PGlite, table: string, orderBy: string): Promise<string> {
  return scalar<string>(db, `SELECT md5(string_agg(t::text, E'\\n' ORDER BY ${orderBy})) FROM ${table} t`);
}

const CHECKSUMMED: readonly [string, string][] = [
  ['crm.customers', 't.customer_id'],
  ['crm.users', 't.user_id'],
  ['sales.order_lines', 't.order_id, t.line_no'],
  ['billing.invoices', 't.invoice_id'],
  ['billing.payments', 't.payment_id'],
  ['crm.audit_events', 't.event_id'],
];

describe('sample database', function () {
  this.timeout(60_000);
  let db: PGlite;

  before(async () => {
    const loaded = await freshSampleDb();
    db = loaded.db;
    console.log(`      sample database "${SAMPLE_DATABASE_NAME}" loaded in ${loaded.loadMs.toFixed(0)} ms ` +
      `(${loaded.loadCpuMs.toFixed(0)} ms CPU), after ${loaded.bootMs.toFixed(0)} ms to start PGlite`);
    assert.ok(loaded.loadCpuMs < LOAD_BUDGET_CPU_MS, `load used ${loaded.loadCpuMs.toFixed(0)} ms CPU, budget ${LOAD_BUDGET_CPU_MS} ms`);
  });

  after(async () => {
    await db?.close();
  });

  describe('schema', () => {
    it('has 18-22 tables spread over the three sample schemas', async () => {
      const perSchema = await rows<{ schema: string; n: number }>(db,
        `SELECT table_schema AS schema, count(*)::int AS n FROM information_schema.tables
         WHERE table_type = 'BASE TABLE' AND table_schema IN ${SCHEMAS_SQL} GROUP BY 1 ORDER BY 1`);
      assert.deepEqual(perSchema.map((r) => r.schema).sort(), [...SAMPLE_SCHEMAS].sort());
      const total = perSchema.reduce((s, r) => s + r.n, 0);
      assert.ok(total >= 18 && total <= 22, `table count ${total}`);
    });

    it('has a composite primary key referenced by a composite foreign key (returns -> order_lines)', async () => {
      const fks = await rows<{ child: string; parent: string; cols: number }>(db,
        `SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent, cardinality(conkey) AS cols
         FROM pg_constraint WHERE contype = 'f' AND cardinality(conkey) > 1`);
      assert.deepEqual(fks, [{ child: 'sales.returns', parent: 'sales.order_lines', cols: 2 }]);
      const pkCols = await scalar<number>(db,
        `SELECT cardinality(conkey) FROM pg_constraint WHERE contype = 'p' AND conrelid = 'sales.order_lines'::regclass`);
      assert.equal(pkCols, 2);
    });

    it('has self-referencing foreign keys for the org chart and the category tree', async () => {
      const selfRefs = await rows<{ t: string }>(db,
        `SELECT conrelid::regclass::text AS t FROM pg_constraint WHERE contype = 'f' AND conrelid = confrelid ORDER BY 1`);
      assert.deepEqual(selfRefs.map((r) => r.t), ['crm.employees', 'sales.categories']);
    });

    it('declares enums with their labels in order', async () => {
      const enums = await rows<{ name: string; labels: string }>(db,
        `SELECT t.typnamespace::regnamespace || '.' || t.typname AS name, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY 1 ORDER BY 1`);
      assert.deepEqual(enums, [
        { name: 'billing.subscription_status', labels: 'trialing,active,past_due,cancelled' },
        { name: 'crm.ticket_priority', labels: 'low,normal,high,urgent' },
        { name: 'sales.order_status', labels: 'pending,confirmed,shipped,delivered,cancelled' },
      ]);
    });

    it('documents every table, view, function and enum, and the key columns (for hover docs)', async () => {
      const undocumented = await rows<{ name: string }>(db,
        `SELECT c.oid::regclass::text AS name FROM pg_class c
         WHERE c.relnamespace::regnamespace::text IN ${SCHEMAS_SQL} AND c.relkind IN ('r', 'v', 'm')
           AND obj_description(c.oid, 'pg_class') IS NULL`);
      assert.deepEqual(undocumented, []);
      const undocumentedFunctions = await scalar<number>(db,
        `SELECT count(*)::int FROM pg_proc WHERE pronamespace::regnamespace::text IN ${SCHEMAS_SQL} AND obj_description(oid, 'pg_proc') IS NULL`);
      assert.equal(undocumentedFunctions, 0);
      const documentedEnums = await scalar<number>(db,
        `SELECT count(*)::int FROM pg_type WHERE typtype = 'e' AND obj_description(oid, 'pg_type') IS NOT NULL`);
      assert.equal(documentedEnums, 3);
      const columnComments = await scalar<number>(db,
        `SELECT count(*)::int FROM pg_description d JOIN pg_class c ON c.oid = d.objoid
         WHERE d.classoid = 'pg_class'::regclass AND d.objsubid > 0 AND c.relnamespace::regnamespace::text IN ${SCHEMAS_SQL}`);
      assert.ok(columnComments >= 50, `only ${columnComments} column comments`);
      assert.match(await scalar<string>(db, `SELECT col_description('sales.order_lines'::regclass, 2)`), /Position of the line/);
    });

    it('uses identity columns (by default and always), defaults, CHECK, UNIQUE and generated columns', async () => {
      const identity = await rows<{ kind: string; n: number }>(db,
        `SELECT attidentity AS kind, count(*)::int AS n FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         WHERE attidentity <> '' AND c.relnamespace::regnamespace::text IN ${SCHEMAS_SQL} GROUP BY 1 ORDER BY 1`);
      assert.deepEqual(identity.map((r) => r.kind), ['a', 'd']);
      const kinds = await rows<{ contype: string; n: number }>(db,
        `SELECT contype, count(*)::int AS n FROM pg_constraint WHERE connamespace::regnamespace::text IN ${SCHEMAS_SQL} GROUP BY 1`);
      const byKind = Object.fromEntries(kinds.map((k) => [k.contype, k.n]));
      assert.ok(byKind.c! >= 20, `CHECK constraints: ${byKind.c}`);
      assert.ok(byKind.u! >= 8, `UNIQUE constraints: ${byKind.u}`);
      assert.ok(byKind.f! >= 25, `foreign keys: ${byKind.f}`);
      const generated = await rows<{ col: string }>(db,
        `SELECT attrelid::regclass || '.' || attname AS col FROM pg_attribute WHERE attgenerated = 's' ORDER BY 1`);
      assert.deepEqual(generated.map((g) => g.col), ['billing.invoices.total', 'sales.order_lines.line_total']);
    });

    it('has secondary indexes, among them partial and expression indexes', async () => {
      const indexes = await rows<{ name: string; partial: boolean; expression: boolean }>(db,
        `SELECT c.relname AS name, i.indpred IS NOT NULL AS partial, i.indexprs IS NOT NULL AS expression
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE c.relnamespace::regnamespace::text IN ${SCHEMAS_SQL} AND NOT i.indisprimary`);
      assert.ok(indexes.length >= 20, `${indexes.length} secondary indexes`);
      assert.deepEqual(indexes.filter((i) => i.partial).map((i) => i.name).sort(),
        ['invoices_open_due_on_idx', 'subscriptions_one_live_per_account', 'support_tickets_open_by_assignee_idx']);
      assert.deepEqual(indexes.filter((i) => i.expression).map((i) => i.name), ['users_email_lower_key']);
    });

    it('has views, a populated materialized view and SQL and plpgsql functions', async () => {
      const relations = await rows<{ name: string; kind: string }>(db,
        `SELECT oid::regclass::text AS name, relkind::text AS kind FROM pg_class
         WHERE relkind IN ('v', 'm') AND relnamespace::regnamespace::text IN ${SCHEMAS_SQL} ORDER BY 1`);
      assert.deepEqual(relations, [
        { name: 'billing.open_invoices', kind: 'v' },
        { name: 'sales.monthly_revenue', kind: 'm' },
        { name: 'sales.order_summary', kind: 'v' },
      ]);
      assert.equal(await scalar<boolean>(db, `SELECT ispopulated FROM pg_matviews WHERE matviewname = 'monthly_revenue'`), true);
      const functions = await rows<{ name: string; lang: string }>(db,
        `SELECT p.oid::regprocedure::text AS name, l.lanname AS lang FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
         WHERE p.pronamespace::regnamespace::text IN ${SCHEMAS_SQL} ORDER BY 1`);
      assert.deepEqual(functions, [
        { name: 'billing.customer_lifetime_value(integer)', lang: 'sql' },
        { name: 'crm.reporting_chain(integer)', lang: 'sql' },
        { name: 'sales.category_path(integer)', lang: 'plpgsql' },
      ]);
    });
  });

  describe('data', () => {
    it('fills every table, with thousands of rows in total', async () => {
      const counts = await rows<{ t: string }>(db,
        `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS t FROM pg_tables WHERE schemaname IN ${SCHEMAS_SQL}`);
      let total = 0;
      for (const { t } of counts) {
        const n = await scalar<number>(db, `SELECT count(*)::int FROM ${t}`);
        assert.ok(n > 0, `${t} is empty`);
        total += n;
      }
      console.log(`      ${counts.length} tables, ${total} rows`);
      assert.ok(total >= 5000 && total <= 50_000, `total rows ${total}`);
      assert.ok(await scalar<number>(db, 'SELECT count(*)::int FROM sales.order_lines') >= 2000);
    });

    it('satisfies every foreign key (generic orphan check over pg_constraint)', async () => {
      const fks = await rows<{ name: string; child: string; parent: string; child_cols: string[]; parent_cols: string[] }>(db, `
        SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
          ARRAY(SELECT quote_ident(a.attname) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.ord) AS child_cols,
          ARRAY(SELECT quote_ident(a.attname) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
                JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.ord) AS parent_cols
        FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace::regnamespace::text IN ${SCHEMAS_SQL}`);
      assert.ok(fks.length >= 25, `${fks.length} foreign keys`);
      const orphans: string[] = [];
      for (const fk of fks) {
        // MATCH SIMPLE: a row with any NULL in the key is not checked.
        const notNull = fk.child_cols.map((c) => `ch.${c} IS NOT NULL`).join(' AND ');
        const join = fk.child_cols.map((c, i) => `pa.${fk.parent_cols[i]} = ch.${c}`).join(' AND ');
        const n = await scalar<number>(db,
          `SELECT count(*)::int FROM ${fk.child} ch WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${fk.parent} pa WHERE ${join})`);
        if (n > 0) orphans.push(`${fk.name}: ${n}`);
      }
      assert.deepEqual(orphans, []);
    });

    it('dates nothing after the sample company\'s "today"', async () => {
      const columns = await rows<{ t: string; c: string }>(db,
        `SELECT quote_ident(c.table_schema) || '.' || quote_ident(c.table_name) AS t, quote_ident(c.column_name) AS c
         FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
         WHERE t.table_type = 'BASE TABLE' AND c.table_schema IN ${SCHEMAS_SQL}
           AND c.data_type IN ('date', 'timestamp with time zone')
           AND c.column_name <> 'due_on' -- a date in the future by design: invoices are due 30 days after issue`);
      assert.ok(columns.length >= 20, `${columns.length} date/time columns`);
      const late = [];
      for (const { t, c } of columns) {
        const max = await scalar<string | null>(db, `SELECT max(${c})::text FROM ${t}`);
        if (max !== null && max.slice(0, 10) > SAMPLE_DATA_AS_OF) late.push(`${t}.${c} = ${max}`);
      }
      assert.deepEqual(late, []);
    });

    it('invoices each confirmed order for exactly its lines total (order_summary view)', async () => {
      const mismatches = await scalar<number>(db, `
        SELECT count(*)::int FROM sales.order_summary s LEFT JOIN billing.invoices i ON i.order_id = s.order_id
        WHERE (s.status IN ('pending', 'cancelled')) <> (i.invoice_id IS NULL) OR i.subtotal <> s.order_total`);
      assert.equal(mismatches, 0);
      const orders = await scalar<number>(db, 'SELECT count(*)::int FROM sales.order_summary WHERE line_count > 0 AND order_total > 0');
      assert.equal(orders, await scalar<number>(db, 'SELECT count(*)::int FROM sales.orders'));
    });

    it('keeps invoice status in step with the payments', async () => {
      const bad = await rows<{ status: string; n: number }>(db, `
        SELECT i.status, count(*)::int AS n FROM billing.invoices i
        LEFT JOIN (SELECT invoice_id, sum(amount) AS paid FROM billing.payments GROUP BY 1) p USING (invoice_id)
        WHERE coalesce(p.paid, 0) > i.total
           OR (i.status = 'paid' AND coalesce(p.paid, 0) <> i.total)
           OR (i.status = 'open' AND coalesce(p.paid, 0) >= i.total)
           OR (i.status = 'uncollectible' AND p.paid IS NOT NULL)
        GROUP BY 1`);
      assert.deepEqual(bad, []);
      const statuses = await rows<{ status: string }>(db, 'SELECT DISTINCT status FROM billing.invoices ORDER BY 1');
      assert.deepEqual(statuses.map((s) => s.status), ['open', 'paid', 'uncollectible']);
    });

    it('ships and returns only what was ordered and delivered', async () => {
      assert.equal(await scalar<number>(db, `
        SELECT count(*)::int FROM sales.returns r JOIN sales.order_lines l USING (order_id, line_no)
        JOIN sales.orders o USING (order_id)
        WHERE r.quantity > l.quantity OR o.status <> 'delivered'
           OR r.returned_at < (SELECT max(s.delivered_at) FROM sales.shipments s WHERE s.order_id = r.order_id)`), 0);
      assert.equal(await scalar<number>(db, `
        SELECT count(*)::int FROM sales.shipments s JOIN sales.orders o USING (order_id)
        WHERE o.status NOT IN ('shipped', 'delivered') OR s.shipped_at < o.ordered_at
           OR (o.status = 'delivered') <> (s.delivered_at IS NOT NULL)`), 0);
    });

    it('gives every customer one segment tag that matches its size', async () => {
      const wrong = await scalar<number>(db, `
        SELECT count(*)::int FROM crm.customers c WHERE 1 <> (
          SELECT count(*) FROM crm.customer_tags ct JOIN crm.tags t USING (tag_id)
          WHERE ct.customer_id = c.customer_id AND t.name = CASE
            WHEN c.employee_count >= 2000 THEN 'enterprise' WHEN c.employee_count >= 200 THEN 'mid-market' ELSE 'smb' END)`);
      assert.equal(wrong, 0);
    });

    it('moved identity sequences past the sample ids, so plain INSERTs work', async () => {
      await db.exec('BEGIN');
      try {
        const id = await scalar<number>(db, `INSERT INTO crm.tags (name) VALUES ('vip') RETURNING tag_id`);
        assert.equal(id, 1 + await scalar<number>(db, `SELECT max(tag_id) FROM crm.tags WHERE name <> 'vip'`));
        const eventId = await scalar<number>(db, `INSERT INTO crm.audit_events (entity_type, entity_id, action) VALUES ('order', 1, 'order.viewed') RETURNING event_id::int`);
        assert.ok(eventId > 1000);
      } finally {
        await db.exec('ROLLBACK');
      }
    });

    it('enforces one live subscription per account (partial unique index) and case-blind e-mails (expression index)', async () => {
      const live = await rows<{ account_id: number; plan_id: number }>(db,
        `SELECT account_id, plan_id FROM billing.subscriptions WHERE status = 'active' ORDER BY subscription_id LIMIT 1`);
      assert.equal(live.length, 1);
      await assert.rejects(
        db.query(`INSERT INTO billing.subscriptions (account_id, plan_id, status, seats, started_on) VALUES (${live[0]!.account_id}, ${live[0]!.plan_id}, 'active', 5, '2025-06-01')`),
        /subscriptions_one_live_per_account/,
      );
      const email = await scalar<string>(db, 'SELECT email FROM crm.users ORDER BY user_id LIMIT 1');
      await assert.rejects(
        db.query(`INSERT INTO crm.users (account_id, email, full_name) VALUES (1, upper($1), 'Copy Cat')`, [email]),
        /users_email_lower_key/,
      );
    });
  });

  describe('views and functions', () => {
    it('customer_lifetime_value sums the payments of all the customer\'s accounts', async () => {
      const top = await rows<{ customer_id: number; clv: string; direct: string }>(db, `
        SELECT c.customer_id, billing.customer_lifetime_value(c.customer_id)::text AS clv,
               (SELECT coalesce(sum(p.amount), 0) FROM billing.payments p JOIN billing.invoices i USING (invoice_id)
                JOIN crm.accounts a USING (account_id) WHERE a.customer_id = c.customer_id)::text AS direct
        FROM crm.customers c ORDER BY billing.customer_lifetime_value(c.customer_id) DESC LIMIT 10`);
      assert.equal(top.length, 10);
      for (const r of top) assert.equal(r.clv, r.direct);
      assert.ok(Number(top[0]!.clv) > Number(top[9]!.clv) && Number(top[9]!.clv) > 0);
      assert.equal(await scalar<string>(db, 'SELECT billing.customer_lifetime_value(-1)::text'), '0');
    });

    it('category_path walks the tree up to the root, and returns NULL for an unknown id', async () => {
      const paths = await rows<{ path: string }>(db,
        `SELECT sales.category_path(category_id) AS path FROM sales.categories WHERE slug IN ('switches', 'hardware', 'cables') ORDER BY 1`);
      assert.deepEqual(paths.map((p) => p.path), ['Accessories > Cables', 'Hardware', 'Hardware > Networking > Switches']);
      assert.equal(await scalar<string | null>(db, 'SELECT sales.category_path(-1)'), null);
    });

    it('reporting_chain climbs from an account executive to the CEO', async () => {
      const chain = await rows<{ title: string; depth: number }>(db, `
        SELECT title, depth FROM crm.reporting_chain((SELECT min(employee_id) FROM crm.employees WHERE title = 'Account Executive'))`);
      assert.deepEqual(chain.map((c) => c.title), ['Account Executive', 'Regional Sales Manager', 'VP Sales', 'Chief Executive Officer']);
      assert.deepEqual(chain.map((c) => c.depth), [0, 1, 2, 3]);
    });

    it('monthly_revenue adds up to the lines of all orders that were not cancelled', async () => {
      const [mv, direct] = await Promise.all([
        scalar<string>(db, 'SELECT sum(revenue)::text FROM sales.monthly_revenue'),
        scalar<string>(db, `SELECT sum(l.line_total)::text FROM sales.order_lines l JOIN sales.orders o USING (order_id) WHERE o.status <> 'cancelled'`),
      ]);
      assert.equal(mv, direct);
      const categories = await rows<{ c: string }>(db, 'SELECT DISTINCT top_category AS c FROM sales.monthly_revenue ORDER BY 1');
      assert.deepEqual(categories.map((c) => c.c), ['Accessories', 'Hardware', 'Services']);
      assert.equal(await scalar<number>(db, `SELECT count(DISTINCT month)::int FROM sales.monthly_revenue WHERE month BETWEEN '2024-01-01' AND '2024-12-01'`), 12);
    });

    it('open_invoices shows what is still due, and some of it is overdue', async () => {
      const overdue = await rows<{ amount_due: string; amount_paid: string; total: string }>(db,
        `SELECT amount_due::text, amount_paid::text, total::text FROM billing.open_invoices WHERE due_on < '${SAMPLE_DATA_AS_OF}'`);
      assert.ok(overdue.length >= 10, `${overdue.length} overdue invoices`);
      for (const r of overdue) {
        assert.ok(Number(r.amount_due) > 0);
        assert.equal((Number(r.amount_due) + Number(r.amount_paid)).toFixed(2), Number(r.total).toFixed(2));
      }
    });
  });

  describe('sample questions', () => {
    it('offers 6-10 distinct questions', () => {
      assert.ok(SAMPLE_QUESTIONS.length >= 6 && SAMPLE_QUESTIONS.length <= 10);
      assert.equal(new Set(SAMPLE_QUESTIONS).size, SAMPLE_QUESTIONS.length);
      for (const q of SAMPLE_QUESTIONS) assert.match(q, /\?$/);
    });

    // A reference answer for each question: the data must make every one of them interesting.
    const answers: [RegExp, string, (n: number) => boolean][] = [
      [/reorder level/, `SELECT w.code, p.name FROM sales.inventory i JOIN sales.products p USING (product_id) JOIN sales.warehouses w USING (warehouse_id) WHERE i.quantity_on_hand < i.reorder_level`, (n) => n >= 3],
      [/open support tickets/, `SELECT e.full_name, count(*), min(t.opened_at) FROM crm.support_tickets t JOIN crm.employees e ON e.employee_id = t.assignee_id WHERE t.closed_at IS NULL GROUP BY 1`, (n) => n >= 2],
      [/manager/, `SELECT e.full_name, m.full_name, (SELECT count(*) FROM crm.employees r WHERE r.manager_id = e.employee_id) FROM crm.employees e LEFT JOIN crm.employees m ON m.employee_id = e.manager_id`, (n) => n >= 30],
      [/on each plan/, `SELECT p.name, count(*), sum(s.seats * p.price_per_seat_month) FROM billing.subscriptions s JOIN billing.plans p USING (plan_id) WHERE s.status <> 'cancelled' GROUP BY 1`, (n) => n >= 3],
      [/tagged 'churn-risk'/, `SELECT c.name FROM crm.customers c JOIN crm.customer_tags USING (customer_id) JOIN crm.tags t USING (tag_id) WHERE t.name = 'churn-risk' AND NOT EXISTS (SELECT 1 FROM sales.orders o JOIN crm.accounts a USING (account_id) WHERE a.customer_id = c.customer_id AND o.ordered_at >= '2025-01-01')`, (n) => n >= 5],
      [/return rate/, `SELECT sales.category_path(p.category_id), sum(r.quantity)::numeric / sum(l.quantity) FROM sales.order_lines l JOIN sales.products p USING (product_id) LEFT JOIN sales.returns r USING (order_id, line_no) GROUP BY 1 HAVING sum(r.quantity) > 0`, (n) => n >= 3],
      [/order to delivery/, `SELECT w.code, s.carrier, avg(s.delivered_at - o.ordered_at) FROM sales.shipments s JOIN sales.orders o USING (order_id) JOIN sales.warehouses w USING (warehouse_id) WHERE s.delivered_at IS NOT NULL GROUP BY 1, 2`, (n) => n >= 6],
    ];
    for (const [question, sql, enough] of answers) {
      it(`has an interesting answer to "${question.source}"`, async () => {
        assert.ok(SAMPLE_QUESTIONS.some((q) => question.test(q)), `no sample question matches ${question}`);
        const n = (await db.query(sql)).rows.length;
        assert.ok(enough(n), `${n} rows`);
      });
    }
  });

  describe('determinism and reloading', () => {
    let second: PGlite;
    before(async () => {
      second = (await freshSampleDb()).db;
    });
    after(async () => {
      await second?.close();
    });

    it('generates the same SQL on every call', () => {
      const a = createHash('sha256').update(generateSampleDataSql()).digest('hex');
      const b = createHash('sha256').update(generateSampleDataSql()).digest('hex');
      assert.equal(a, b);
    });

    it('gives identical table checksums in two separate databases', async () => {
      for (const [table, orderBy] of CHECKSUMMED) {
        assert.equal(await tableChecksum(second, table, orderBy), await tableChecksum(db, table, orderBy), table);
      }
    });

    it('refuses to load over an existing sample with a clear error, changing nothing', async () => {
      const before = await tableChecksum(second, 'sales.orders', 't.order_id');
      await assert.rejects(
        loadSampleDatabase(async (sql) => {
          await second.exec(sql);
        }),
        (e: unknown) => e instanceof SampleLoadError && e.step === 'schema' && /schema step: .*already exists/.test(e.message),
      );
      assert.equal(await tableChecksum(second, 'sales.orders', 't.order_id'), before);
      assert.equal(await scalar<number>(second, `SELECT count(*)::int FROM pg_namespace WHERE nspname IN ${SCHEMAS_SQL}`), 3);
    });
  });
});
