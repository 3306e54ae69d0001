// Drift check, lint, comment emitter and workspace YAML files on hand-built models; the CLI's bad
// input (output folder that is a file, malformed YAML with line numbers, unreachable database).
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../server/src/cli';
import { diffSchemas, emitComments, formatDrift, generateDocs, lintSchema, parseShowCreateTable, writeDocs } from '../../server/src/engine/docs';
import { serializeSnapshot } from '../../server/src/engine/schema/snapshot';
import { docsFromYaml } from '../../server/src/engine/workspace/docs-file';
import { glossaryFromYaml } from '../../server/src/engine/workspace/glossary-file';
import { parseYaml } from '../../server/src/engine/workspace/yaml-file';
import { shopModel, table } from '../helpers/docs-models';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

describe('docs drift check (structural)', () => {
  it('is silent when only volatile fields and order differ', () => {
    const a = shopModel();
    const b = shopModel();
    b.tables.reverse();
    b.capturedAt = 'later';
    b.tables[0]!.rowEstimate = 99;
    b.tables[0]!.sizeBytes = 1;
    assert.deepEqual(diffSchemas(a, b), []);
  });

  it('names every changed object', () => {
    const a = shopModel();
    const b = shopModel();
    const t = (m: typeof a, name: string) => m.tables.find((x) => x.name === name)!;
    b.tables.push(table('public', 'coupon', [{ name: 'code' }]));
    b.tables = b.tables.filter((x) => x.name !== 'big_customers');
    t(b, 'customer').columns.push({ name: 'phone', ordinal: 4, dataType: 'text', nullable: true });
    t(b, 'customer').columns = t(b, 'customer').columns.filter((c) => c.name !== 'created_dt');
    t(b, 'orders').columns[2]!.dataType = 'numeric(14,2)';
    t(b, 'orders').columns[2]!.default = '1';
    t(b, 'product').columns[2]!.nullable = false;
    t(b, 'orders').checks = [];
    t(b, 'product').uniques.push({ name: 'product_unit_price_key', columns: ['unit_price'] });
    t(b, 'order_line').foreignKeys.pop();
    t(b, 'customer').comment = 'Buyers.';
    t(b, 'product').columns[1]!.comment = undefined;
    const text = formatDrift(diffSchemas(a, b));
    for (const line of [
      'added   table public.coupon',
      'dropped view public.big_customers',
      'added   column public.customer.phone: text',
      'dropped column public.customer.created_dt',
      'changed column public.orders.total_amt: type numeric(12,2) → numeric(14,2)',
      'changed column public.orders.total_amt: default 0 → 1',
      'changed column public.product.unit_price: now NOT NULL (was nullable)',
      'dropped check constraint public.orders.orders_total_check: CHECK ((total_amt >= (0)::numeric))',
      'added   unique constraint public.product.product_unit_price_key: (unit_price)',
      'dropped foreign key public.order_line.order_line_product_id_fkey: (product_id) → public.product (product_id)',
      'changed table public.customer: comment changed',
      'changed column public.product.sku: comment removed',
    ])
      assert.ok(text.split('\n').includes(line), `missing "${line}" in:\n${text}`);
  });
});

describe('docs lint', () => {
  it('finds missing PKs, unindexed FKs, undocumented tables, nullable unique columns and naming breaks', () => {
    const m = shopModel();
    m.tables.push(table('public', 'AuditLog', [{ name: 'eventId' }]));
    const report = lintSchema(m);
    const lines = report.findings.map((f) => `${f.rule} ${f.object}`);
    assert.ok(lines.includes('no-primary-key public.AuditLog'));
    assert.ok(lines.includes('fk-without-index public.orders'), 'orders.customer_id has no index');
    assert.ok(!lines.includes('fk-without-index public.order_line') || report.findings.some((f) => f.object === 'public.order_line' && /product_id/.test(f.message)), 'order_id leads the PK: covered');
    assert.ok(!report.findings.some((f) => f.rule === 'fk-without-index' && /order_line_order_id_fkey/.test(f.message)));
    assert.ok(lines.includes('undocumented-table public.orders'));
    assert.ok(lines.includes('nullable-unique-column public.customer.email'));
    assert.ok(lines.includes('nullable-unique-column public.product.sku'), 'a unique index counts too');
    assert.ok(lines.includes('naming-convention public.AuditLog') && lines.includes('naming-convention public.AuditLog.eventId'));
    assert.equal(report.coverageOk, true);
  });

  it('applies the coverage threshold, disabled rules and other naming conventions', () => {
    const m = shopModel();
    const low = lintSchema(m, { minCoverage: 50, disable: ['undocumented-table'] });
    assert.equal(low.coverageOk, false);
    assert.ok(!low.findings.some((f) => f.rule === 'undocumented-table'));
    assert.ok(lintSchema(m, { minCoverage: 10 }).coverageOk);
    assert.ok(lintSchema(m, { naming: 'PascalCase' }).findings.some((f) => f.object === 'public.customer' && f.rule === 'naming-convention'));
    assert.throws(() => lintSchema(m, { disable: ['nope'] }), /unknown lint rule "nope"/);
    assert.throws(() => lintSchema(m, { naming: 'kebab' }), /unknown naming convention/);
  });
});

describe('docs --emit-comments', () => {
  const overrides = docsFromYaml(parseYaml(['tables:', '  customer:', "    description: It's the buyer.", '    columns:', '      email: Contact address.', '  product:', '    columns:', '      sku: SKU printed on the box, VAT included.', ''].join('\n'), 'docs.yml')).tables;

  it('emits COMMENT ON for PostgreSQL, only where the description differs from the database', () => {
    const r = emitComments(shopModel(), overrides);
    assert.equal(r.count, 2);
    assert.match(r.sql, /^COMMENT ON TABLE public\.customer IS 'It''s the buyer\.';$/m);
    assert.match(r.sql, /^COMMENT ON COLUMN public\.customer\.email IS 'Contact address\.';$/m);
    assert.doesNotMatch(r.sql, /sku/, 'already the database comment');
  });

  it('emits ALTER TABLE … COMMENT for MySQL and sp_addextendedproperty for SQL Server', () => {
    const my = shopModel();
    my.dialect = 'mysql';
    const r = emitComments(my, overrides, { mysqlColumnDefinitions: new Map([['public.customer.email', "varchar(120) CHARACTER SET latin1 NOT NULL DEFAULT '' INVISIBLE"]]) });
    assert.match(r.sql, /^ALTER TABLE `public`\.`customer` COMMENT = 'It''s the buyer\.';$/m);
    assert.match(r.sql, /^ALTER TABLE `public`\.`customer` MODIFY COLUMN `email` varchar\(120\) CHARACTER SET latin1 NOT NULL DEFAULT '' INVISIBLE COMMENT 'Contact address\.';$/m);
    // Without SHOW CREATE TABLE (a snapshot) a column is not restated from the model: skipped, with a warning.
    const fromSnapshot = emitComments(my, overrides);
    assert.doesNotMatch(fromSnapshot.sql, /^ALTER TABLE .* MODIFY COLUMN/m);
    assert.ok(fromSnapshot.warnings.some((w) => /public\.customer\.email: the column's full definition is unknown/.test(w)));
    const ms = shopModel();
    ms.dialect = 'mssql';
    const s = emitComments(ms, overrides).sql;
    assert.match(s, /EXEC sys\.sp_addextendedproperty @name = N'MS_Description', @value = N'It''s the buyer\.', @level0type = N'SCHEMA', @level0name = N'public', @level1type = N'TABLE', @level1name = N'customer';/);
    assert.match(s, /IF EXISTS \(SELECT 1 FROM sys\.fn_listextendedproperty\(N'MS_Description', N'SCHEMA', N'public', N'TABLE', N'customer', N'COLUMN', N'email'\)\)\n {2}EXEC sys\.sp_updateextendedproperty/);
  });
});

describe('SHOW CREATE TABLE column definitions', () => {
  it('keeps every attribute of a column and drops only its COMMENT', () => {
    const ddl = [
      'CREATE TABLE `film` (',
      "  `film_id` smallint(5) unsigned NOT NULL AUTO_INCREMENT COMMENT 'It''s \\'the\\' id',",
      "  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),",
      '  `we``ird` varchar(10) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT NULL,',
      '  PRIMARY KEY (`film_id`),',
      '  KEY `idx` (`last_update`)',
      ') ENGINE=InnoDB',
    ].join('\n');
    assert.deepEqual([...parseShowCreateTable(ddl)], [
      ['film_id', 'smallint(5) unsigned NOT NULL AUTO_INCREMENT'],
      ['last_update', 'timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()'],
      ['we`ird', 'varchar(10) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT NULL'],
    ]);
  });
});

describe('.schemawise YAML files', () => {
  it('reports malformed YAML with the file and line', () => {
    assert.throws(() => docsFromYaml(parseYaml('tables:\n  customer:\n    description: x\n    description: y\n', 'docs.yml')), /^WorkspaceFileError: docs\.yml:4: invalid YAML: Map keys must be unique/);
    assert.throws(() => docsFromYaml(parseYaml('tables:\n\tcustomer: x\n', 'docs.yml')), /^WorkspaceFileError: docs\.yml:2: invalid YAML: Tabs are not allowed/);
    assert.throws(() => glossaryFromYaml(parseYaml('terms:\n  - term: A\n  - term: [x\n', 'glossary.yml')), /glossary\.yml:\d+: invalid YAML/);
  });

  it('reports shape errors with the line of the offending entry', () => {
    assert.throws(() => docsFromYaml(parseYaml('tables:\n  customer:\n    descripton: typo\n', 'docs.yml')), /docs\.yml:3: unknown key "descripton" in customer/);
    assert.throws(() => docsFromYaml(parseYaml('tables:\n  - customer\n', 'docs.yml')), /docs\.yml:2: "tables" must be a mapping/);
    assert.throws(() => docsFromYaml(parseYaml('lint:\n  minCoverage: lots\n', 'docs.yml')), /docs\.yml:2: "minCoverage" must be a percentage/);
    assert.throws(() => glossaryFromYaml(parseYaml('terms:\n  - term: A\n  - definition: no term\n', 'g.yml')), /g\.yml:3: a term needs a non-empty "term"/);
    assert.throws(() => glossaryFromYaml(parseYaml('terms:\n  - term: A\n  - term: a\n', 'g.yml')), /g\.yml:3: the term "a" is already defined at g\.yml:2/);
    assert.throws(() => glossaryFromYaml(parseYaml('terms:\n  - term: A\n    synonyms: {x: 1}\n', 'g.yml')), /g\.yml:3: "synonyms" must be a list/);
  });
});

describe('schemawise docs (CLI, bad input)', function () {
  let dir: string;
  let snapshot: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sw-docs-cli-'));
    snapshot = join(dir, 'shop.json');
    await writeFile(snapshot, serializeSnapshot(shopModel()));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('generates from a snapshot, then --check is in sync (exit 0) and names a change (exit 1)', async () => {
    const out = join(dir, 'docs');
    const gen = await cli(['docs', '--schema', snapshot, '--out', out, '--workspace', dir]);
    assert.equal(gen.code, 0, gen.err);
    assert.match(await readFile(join(out, 'index.md'), 'utf8'), /# Database `shop`/);
    const again = await cli(['docs', '--schema', snapshot, '--out', out, '--workspace', dir]);
    assert.match(again.out, /0 file\(s\) written, \d+ unchanged/);
    const ok = await cli(['docs', '--check', '--schema', snapshot, '--out', out, '--workspace', dir]);
    assert.equal(ok.code, 0, ok.out + ok.err);
    const changed = shopModel();
    changed.tables[0]!.columns.push({ name: 'vip', ordinal: 9, dataType: 'boolean', nullable: false });
    await writeFile(snapshot, serializeSnapshot(changed));
    const drift = await cli(['docs', '--check', '--schema', snapshot, '--out', out, '--workspace', dir]);
    assert.equal(drift.code, 1);
    assert.match(drift.out, /added {3}column public\.customer\.vip: boolean NOT NULL/);
  });

  it('--format html writes one site that embeds the built ERD webview', async function () {
    if (!existsSync(join(__dirname, '..', '..', 'dist', 'webview', 'erd.js'))) this.skip(); // npm run build first (npm test does)
    const out = join(dir, 'site');
    const r = await cli(['docs', '--schema', snapshot, '--out', out, '--format', 'html', '--workspace', dir]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const html = await readFile(join(out, 'index.html'), 'utf8');
    assert.match(html, /<div id="erd-app"/);
    assert.match(html, /<section id="tables\/public\.orders" class="page" hidden>/);
    assert.ok(existsSync(join(out, 'schema.json')));
  });

  it('--check reports descriptions changed in docs.yml since the docs were generated', async () => {
    const out = join(dir, 'docs');
    await mkdir(join(dir, '.schemawise'));
    await writeFile(join(dir, '.schemawise', 'docs.yml'), 'tables:\n  orders: One purchase.\n');
    assert.equal((await cli(['docs', '--schema', snapshot, '--out', out, '--workspace', dir])).code, 0);
    assert.equal((await cli(['docs', '--check', '--schema', snapshot, '--out', out, '--workspace', dir])).code, 0);
    await writeFile(join(dir, '.schemawise', 'docs.yml'), 'tables:\n  orders: One order.\n  product:\n    columns:\n      unit_price: Before tax.\n');
    const r = await cli(['docs', '--check', '--schema', snapshot, '--out', out, '--workspace', dir]);
    assert.equal(r.code, 1);
    assert.match(r.out, /^changed description public\.orders: description changed in docs\.yml$/m);
    assert.match(r.out, /^changed description public\.product\.unit_price: description added in docs\.yml$/m);
  });

  it('refuses an output folder that is a file', async () => {
    const out = join(dir, 'file.md');
    await writeFile(out, 'x');
    const r = await cli(['docs', '--schema', snapshot, '--out', out, '--workspace', dir]);
    assert.equal(r.code, 1);
    assert.match(r.err, /the output folder .*file\.md is a file, not a folder/);
  });

  it('stops on a malformed docs.yml or glossary.yml with the line number', async () => {
    await mkdir(join(dir, '.schemawise'));
    await writeFile(join(dir, '.schemawise', 'docs.yml'), 'tables:\n  customer:\n    columns:\n      email: [unclosed\n');
    const r = await cli(['docs', '--schema', snapshot, '--out', join(dir, 'docs'), '--workspace', dir]);
    assert.equal(r.code, 1);
    assert.match(r.err, /\.schemawise\/docs\.yml:\d+: invalid YAML/);
    await writeFile(join(dir, '.schemawise', 'docs.yml'), 'tables: {}\n');
    await writeFile(join(dir, '.schemawise', 'glossary.yml'), 'terms:\n  - term: A\n  - nonsense\n');
    const g = await cli(['docs', '--schema', snapshot, '--out', join(dir, 'docs'), '--workspace', dir]);
    assert.equal(g.code, 1);
    assert.match(g.err, /\.schemawise\/glossary\.yml:3: each term must be a mapping/);
  });

  it('says clearly when the database is unreachable, without the password', async () => {
    const r = await cli(['docs', '--connection', 'postgres://me:s3cret@127.0.0.1:1/db', '--out', join(dir, 'docs'), '--workspace', dir]);
    assert.equal(r.code, 1);
    assert.match(r.err, /schemawise docs: .*(refused|connect|reach)/i);
    assert.doesNotMatch(r.err + r.out, /s3cret/);
  });

  it('--check without recorded docs, and bad arguments, are clear errors', async () => {
    const none = await cli(['docs', '--check', '--schema', snapshot, '--out', join(dir, 'nothing'), '--workspace', dir]);
    assert.equal(none.code, 1);
    assert.match(none.err, /no recorded schema at .*schema\.json .*generate the docs first/);
    assert.equal((await cli(['docs', '--schema', snapshot, '--out', dir, '--format', 'pdf'])).code, 64);
    assert.equal((await cli(['docs', '--schema', snapshot])).code, 64);
    assert.equal((await cli(['docs', 'lnt', '--schema', snapshot])).code, 64);
    assert.equal((await cli(['docs', '--schema', snapshot, '--min-coverage', '50'])).code, 64);
  });

  it('docs lint exits 1 on findings or coverage below the threshold, 0 when clean', async () => {
    const r = await cli(['docs', 'lint', '--schema', snapshot, '--workspace', dir]);
    assert.equal(r.code, 1);
    assert.match(r.out, /public\.orders: foreign key orders_customer_id_fkey \(customer_id\) has no index starting with its columns \[fk-without-index\]/);
    assert.match(r.out, /Coverage: 10\.0% described \(tables and views 1\/5 = 20%, columns 1\/15 = 6\.7%\)/);
    const clean = await cli(['docs', 'lint', '--schema', snapshot, '--workspace', dir, '--disable', 'no-primary-key,fk-without-index,undocumented-table,nullable-unique-column,naming-convention']);
    assert.equal(clean.code, 0, clean.out);
    const cov = await cli(['docs', 'lint', '--schema', snapshot, '--workspace', dir, '--disable', 'no-primary-key,fk-without-index,undocumented-table,nullable-unique-column,naming-convention', '--min-coverage', '50']);
    assert.equal(cov.code, 1);
    assert.match(cov.out, /minimum 50%: NOT met/);
  });
});

describe('writing docs to a folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sw-docs-write-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('removes the page of a dropped table, never a file of its own', async () => {
    await mkdir(join(dir, 'tables'), { recursive: true });
    await writeFile(join(dir, 'tables', 'notes.md'), '# My notes\n');
    const first = await writeDocs(dir, generateDocs({ model: shopModel() }).files);
    assert.equal(first.removed, 0);
    const smaller = shopModel();
    smaller.tables = smaller.tables.filter((t) => t.name !== 'product');
    const second = await writeDocs(dir, generateDocs({ model: smaller }).files);
    assert.equal(second.removed, 1);
    assert.ok(!existsSync(join(dir, 'tables', 'public.product.md')));
    assert.ok(existsSync(join(dir, 'tables', 'notes.md')), "the user's file stays");
  });
});
