// The docs drift check on live scratch databases: docs are generated with the CLI, then each kind
// of schema change is applied alone; `schemawise docs --check` must exit 1 naming the object, and
// exit 0 (silent) again once the change is reverted.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { Client } from 'pg';
import { runCli } from '../../server/src/cli';
import { dropDatabase, recreateDatabase } from '../helpers/datasets';
import { mysqlUrlFor } from '../helpers/mysql-datasets';
import { MYSQL_URL, pgUrlFor, requireMysql, requirePostgres } from '../helpers/services';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

interface Case {
  kind: string;
  apply: string;
  revert: string;
  /** Lines the check must print. */
  expect: RegExp[];
}

const PG_SCHEMA = `
CREATE TABLE customer (
  customer_id integer PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text,
  credit numeric(10,2) DEFAULT 0 CHECK (credit >= 0)
);
COMMENT ON TABLE customer IS 'People who buy.';
COMMENT ON COLUMN customer.email IS 'Contact address.';
CREATE TABLE orders (
  order_id integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customer (customer_id),
  total numeric(12,2) NOT NULL DEFAULT 0
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
`;

const PG_CASES: Case[] = [
  { kind: 'table added', apply: 'CREATE TABLE coupon (code text)', revert: 'DROP TABLE coupon', expect: [/^added {3}table public\.coupon$/m] },
  { kind: 'table dropped', apply: 'DROP TABLE orders', revert: 'CREATE TABLE orders (order_id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customer (customer_id), total numeric(12,2) NOT NULL DEFAULT 0); CREATE INDEX orders_customer_idx ON orders (customer_id)', expect: [/^dropped table public\.orders$/m] },
  { kind: 'column added', apply: 'ALTER TABLE customer ADD COLUMN phone text', revert: 'ALTER TABLE customer DROP COLUMN phone', expect: [/^added {3}column public\.customer\.phone: text$/m] },
  { kind: 'column dropped', apply: 'ALTER TABLE customer DROP COLUMN name', revert: 'ALTER TABLE customer ADD COLUMN name text', expect: [/^dropped column public\.customer\.name$/m] },
  { kind: 'type changed', apply: 'ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2)', revert: 'ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2)', expect: [/^changed column public\.orders\.total: type numeric\(12,2\) → numeric\(14,2\)$/m] },
  { kind: 'nullability changed', apply: 'ALTER TABLE customer ALTER COLUMN credit SET NOT NULL', revert: 'ALTER TABLE customer ALTER COLUMN credit DROP NOT NULL', expect: [/^changed column public\.customer\.credit: now NOT NULL \(was nullable\)$/m] },
  { kind: 'default changed', apply: 'ALTER TABLE orders ALTER COLUMN total SET DEFAULT 1', revert: 'ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0', expect: [/^changed column public\.orders\.total: default 0 → 1$/m] },
  { kind: 'check constraint dropped', apply: 'ALTER TABLE customer DROP CONSTRAINT customer_credit_check', revert: 'ALTER TABLE customer ADD CONSTRAINT customer_credit_check CHECK (credit >= 0)', expect: [/^dropped check constraint public\.customer\.customer_credit_check: \(credit >= \(0\)::numeric\)$/m] },
  { kind: 'unique constraint added', apply: 'ALTER TABLE customer ADD CONSTRAINT customer_name_key UNIQUE (name)', revert: 'ALTER TABLE customer DROP CONSTRAINT customer_name_key', expect: [/^added {3}unique constraint public\.customer\.customer_name_key: \(name\)$/m, /^added {3}index public\.customer\.customer_name_key: unique btree\(name\)$/m] },
  { kind: 'primary key dropped', apply: 'ALTER TABLE orders DROP CONSTRAINT orders_pkey', revert: 'ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY (order_id)', expect: [/^dropped primary key public\.orders: orders_pkey \(order_id\)$/m] },
  { kind: 'foreign key dropped', apply: 'ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey', revert: 'ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customer (customer_id)', expect: [/^dropped foreign key public\.orders\.orders_customer_id_fkey: \(customer_id\) → public\.customer \(customer_id\)$/m] },
  { kind: 'foreign key rule changed', apply: 'ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey, ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customer (customer_id) ON DELETE CASCADE', revert: 'ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey, ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customer (customer_id)', expect: [/^changed foreign key public\.orders\.orders_customer_id_fkey: rules on update no action, on delete no action → on update no action, on delete cascade$/m] },
  { kind: 'index dropped', apply: 'DROP INDEX orders_customer_idx', revert: 'CREATE INDEX orders_customer_idx ON orders (customer_id)', expect: [/^dropped index public\.orders\.orders_customer_idx: btree\(customer_id\)$/m] },
  { kind: 'table comment changed', apply: "COMMENT ON TABLE customer IS 'Buyers.'", revert: "COMMENT ON TABLE customer IS 'People who buy.'", expect: [/^changed table public\.customer: comment changed$/m] },
  { kind: 'column comment removed', apply: 'COMMENT ON COLUMN customer.email IS NULL', revert: "COMMENT ON COLUMN customer.email IS 'Contact address.'", expect: [/^changed column public\.customer\.email: comment removed$/m] },
  { kind: 'trigger added', apply: 'CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()', revert: 'DROP TRIGGER orders_touch ON orders', expect: [/^added {3}trigger public\.orders\.orders_touch: before update$/m] },
  { kind: 'view added', apply: 'CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100', revert: 'DROP VIEW big_orders', expect: [/^added {3}view public\.big_orders$/m] },
];

describe('docs --check on a live PostgreSQL scratch database', function () {
  this.timeout(120_000);
  const DB = 'sw_docs_drift';
  const url = pgUrlFor(DB);
  let pg: Client;
  let dir: string;
  let out: string;

  before(async function () {
    await requirePostgres(this);
    await recreateDatabase(DB);
    pg = new Client({ connectionString: url });
    await pg.connect();
    await pg.query(PG_SCHEMA);
    dir = await mkdtemp(join(tmpdir(), 'sw-docs-drift-'));
    out = join(dir, 'docs', 'db');
    const gen = await cli(['docs', '--connection', url, '--out', out, '--workspace', dir]);
    assert.equal(gen.code, 0, gen.err);
  });
  after(async () => {
    await pg?.end();
    await dropDatabase(DB).catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is silent (exit 0) when nothing changed, even after data changes row estimates and sizes', async () => {
    await pg.query("INSERT INTO customer SELECT g, 'c' || g || '@x', 'n' || g, 0 FROM generate_series(1, 2000) g; ANALYZE customer");
    const r = await cli(['docs', '--check', '--connection', url, '--out', out, '--workspace', dir]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /match sw_docs_drift: no structural change/);
  });

  for (const c of PG_CASES)
    it(`detects: ${c.kind}`, async () => {
      await pg.query(c.apply);
      try {
        const r = await cli(['docs', '--check', '--connection', url, '--out', out, '--workspace', dir]);
        assert.equal(r.code, 1, r.out + r.err);
        for (const e of c.expect) assert.match(r.out, e);
      } finally {
        await pg.query(c.revert);
      }
      const back = await cli(['docs', '--check', '--connection', url, '--out', out, '--workspace', dir]);
      assert.equal(back.code, 0, `after reverting "${c.kind}":\n${back.out}`);
    });
});

describe('docs --check on a live MariaDB scratch database', function () {
  this.timeout(120_000);
  const DB = 'sw_docs_drift_my';
  let admin: Connection;
  let conn: Connection;
  let dir: string;
  let out: string;
  const url = () => mysqlUrlFor(DB);

  before(async function () {
    await requireMysql(this);
    admin = await createConnection({ uri: MYSQL_URL });
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin.query(`CREATE DATABASE ${DB}`);
    conn = await createConnection({ uri: mysqlUrlFor(DB), multipleStatements: true });
    await conn.query(`CREATE TABLE customer (customer_id int PRIMARY KEY, email varchar(120) NOT NULL UNIQUE COMMENT 'Contact address.', name varchar(80)) COMMENT 'People who buy.';
      CREATE TABLE orders (order_id int PRIMARY KEY, customer_id int NOT NULL, total decimal(12,2) NOT NULL DEFAULT 0, CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (customer_id));
      CREATE VIEW big_orders AS SELECT o.order_id, c.email FROM orders o JOIN customer c ON c.customer_id = o.customer_id WHERE o.total > 100;`);
    dir = await mkdtemp(join(tmpdir(), 'sw-docs-drift-my-'));
    out = join(dir, 'db');
    const gen = await cli(['docs', '--connection', url(), '--out', out, '--workspace', dir]);
    assert.equal(gen.code, 0, gen.err);
  });
  after(async () => {
    await conn?.end();
    await admin?.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin?.query(`DROP DATABASE IF EXISTS ${DB}_ci`);
    await admin?.end();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('treats a copy under another database name (a CI database) as the same schema', async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${DB}_ci`);
    await admin.query(`CREATE DATABASE ${DB}_ci`);
    const copy = await createConnection({ uri: mysqlUrlFor(`${DB}_ci`), multipleStatements: true });
    try {
      await copy.query(`CREATE TABLE customer (customer_id int PRIMARY KEY, email varchar(120) NOT NULL UNIQUE COMMENT 'Contact address.', name varchar(80)) COMMENT 'People who buy.';
        CREATE TABLE orders (order_id int PRIMARY KEY, customer_id int NOT NULL, total decimal(12,2) NOT NULL DEFAULT 0, CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (customer_id));
        CREATE VIEW big_orders AS SELECT o.order_id, c.email FROM orders o JOIN customer c ON c.customer_id = o.customer_id WHERE o.total > 100;`);
      const same = await cli(['docs', '--check', '--connection', mysqlUrlFor(`${DB}_ci`), '--out', out, '--workspace', dir]);
      assert.equal(same.code, 0, same.out);
      await copy.query('ALTER TABLE orders ADD COLUMN note text');
      const changed = await cli(['docs', '--check', '--connection', mysqlUrlFor(`${DB}_ci`), '--out', out, '--workspace', dir]);
      assert.equal(changed.code, 1);
      assert.match(changed.out, /^added {3}column sw_docs_drift_my_ci\.orders\.note: text$/m);
    } finally {
      await copy.end();
    }
  });

  const cases: Case[] = [
    { kind: 'column added', apply: 'ALTER TABLE customer ADD COLUMN phone varchar(20)', revert: 'ALTER TABLE customer DROP COLUMN phone', expect: [/^added {3}column sw_docs_drift_my\.customer\.phone: varchar\(20\)$/m] },
    { kind: 'type changed', apply: 'ALTER TABLE orders MODIFY total decimal(14,2) NOT NULL DEFAULT 0', revert: 'ALTER TABLE orders MODIFY total decimal(12,2) NOT NULL DEFAULT 0', expect: [/^changed column sw_docs_drift_my\.orders\.total: type decimal\(12,2\) → decimal\(14,2\)$/m] },
    { kind: 'table comment changed', apply: "ALTER TABLE customer COMMENT = 'Buyers.'", revert: "ALTER TABLE customer COMMENT = 'People who buy.'", expect: [/^changed table sw_docs_drift_my\.customer: comment changed$/m] },
    { kind: 'foreign key dropped', apply: 'ALTER TABLE orders DROP FOREIGN KEY orders_customer_fk', revert: 'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (customer_id)', expect: [/^dropped foreign key sw_docs_drift_my\.orders\.orders_customer_fk/m] },
  ];

  it('is silent when nothing changed', async () => {
    const r = await cli(['docs', '--check', '--connection', url(), '--out', out, '--workspace', dir]);
    assert.equal(r.code, 0, r.out);
  });

  for (const c of cases)
    it(`detects: ${c.kind}`, async () => {
      await conn.query(c.apply);
      try {
        const r = await cli(['docs', '--check', '--connection', url(), '--out', out, '--workspace', dir]);
        assert.equal(r.code, 1, r.out + r.err);
        for (const e of c.expect) assert.match(r.out, e);
      } finally {
        await conn.query(c.revert);
      }
      const back = await cli(['docs', '--check', '--connection', url(), '--out', out, '--workspace', dir]);
      assert.equal(back.code, 0, `after reverting "${c.kind}":\n${back.out}`);
    });
});
