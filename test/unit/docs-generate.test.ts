// The docs generator on hand-built models: content of the pages, escaping of hostile names, safe
// file names, determinism, ERD splitting, glossary and docs.yml overrides.
import { strict as assert } from 'node:assert';
import { generateDocs, type GeneratedDocs } from '../../server/src/engine/docs';
import { splitByNeighbourhood } from '../../server/src/engine/docs/erd-parts';
import { buildErdGraph } from '../../server/src/engine/erd';
import { docsFromYaml } from '../../server/src/engine/workspace/docs-file';
import { glossaryFromYaml } from '../../server/src/engine/workspace/glossary-file';
import { parseYaml } from '../../server/src/engine/workspace/yaml-file';
import { generatedSchema, shopModel, table } from '../helpers/docs-models';

const file = (docs: GeneratedDocs, path: string): string => {
  const f = docs.files.find((x) => x.path === path);
  assert.ok(f, `${path} not generated (have ${docs.files.map((x) => x.path).join(', ')})`);
  return f.content;
};

describe('docs generator', () => {
  it('writes an index with descriptions, row estimates, sizes, coverage and a Mermaid ERD', () => {
    const docs = generateDocs({ model: shopModel() });
    const index = file(docs, 'index.md');
    assert.match(index, /^# Database `shop`/);
    assert.match(index, /\| \[`customer`\]\(tables\/public\.customer\.md\) \| table \| People who buy\. \| 1,234,567 \| 5\.0 MB \|/);
    assert.match(index, /\| Tables and views \| 1 \| 5 \| 20% \|/);
    assert.match(index, /\| Columns \| 1 \| 15 \| 6\.7% \|/);
    assert.match(index, /```mermaid\nerDiagram\n/);
    assert.match(index, /customer \|\|\.\.o\{ orders : "orders_customer_id_fkey"/);
    assert.doesNotMatch(index, /big_customers \{/, 'views are not boxes of the schema ERD');
    assert.match(index, /\[Routines\]\(routines\.md\)/);
  });

  it('writes a page per table with columns, keys, parents and children, constraints, indexes, triggers and a 1-hop ERD', () => {
    const docs = generateDocs({ model: shopModel() });
    const orders = file(docs, 'tables/public.orders.md');
    assert.match(orders, /^# Table `public\.orders`/);
    assert.match(orders, /\| `customer_id` \| `integer` \| no \| {3}\| \*\*FK\*\* \| \[`public\.customer`\]\(public\.customer\.md\)\.`customer_id` \|/);
    assert.match(orders, /\| `order_id` \| `integer` \| no \| {3}\| \*\*PK\*\* \| {3}\| \[`public\.order_line`\]\(public\.order_line\.md\)\.`order_id` \|/);
    assert.match(orders, /\| `orders_total_check` \| check \| <code>CHECK \(\(total_amt &gt;= \(0\)::numeric\)\)<\/code> \|/);
    assert.match(orders, /## Triggers[\s\S]*`orders_audit` \| after \| insert, update \| row \|/);
    assert.match(orders, /## Foreign keys \(parents\)[\s\S]*\| no action \| cascade \|/);
    assert.match(orders, /## Referenced by \(children\)\n\n[^\n]*\n[^\n]*\n\| \[`public\.order_line`\]/);
    assert.match(orders, /```mermaid\nerDiagram\n {2}orders \{\n {4}integer order_id PK\n {4}integer customer_id FK\n {4}numeric\(12-2\) total_amt "nullable"/);
    const view = file(docs, 'tables/public.big_customers.md');
    assert.match(view, /^# View `public\.big_customers`/);
    assert.match(view, /## Definition\n\n```sql\nSELECT customer_id, email FROM customer WHERE true\n```/);
    const routines = file(docs, 'routines.md');
    assert.match(routines, /\| `public` \| `audit\(\) → trigger` \| function \| plpgsql \| volatile \| invoker \|/);
    assert.match(file(docs, 'types.md'), /\| `public\.order_status` \| `new`, `paid` \|/);
  });

  it('is deterministic: the same schema in any order gives byte-identical files, with no timestamps', () => {
    const a = generateDocs({ model: shopModel() });
    const shuffled = shopModel();
    shuffled.tables.reverse();
    shuffled.tables.forEach((t) => t.indexes.reverse());
    shuffled.capturedAt = '2030-05-05T05:05:05.000Z';
    shuffled.serverVersion = 'PostgreSQL 99';
    const b = generateDocs({ model: shuffled });
    assert.deepEqual(b.files.map((f) => f.path), a.files.map((f) => f.path));
    for (const f of a.files) assert.equal(file(b, f.path), f.content, f.path);
    assert.ok(!a.files.some((f) => /2026-01-01|capturedAt"\s*:\s*"2/.test(f.content)), 'no capture time in the output');
  });

  it('keeps row estimates and sizes out of pages and schema.json when stats are off', () => {
    const docs = generateDocs({ model: shopModel() }, { stats: false });
    assert.doesNotMatch(file(docs, 'index.md'), /1,234,567|Rows \(estimate\)/);
    const json = JSON.parse(file(docs, 'schema.json')) as { tables: { rowEstimate?: number; sizeBytes?: number }[] };
    assert.ok(json.tables.every((t) => t.rowEstimate === undefined && t.sizeBytes === undefined));
  });

  it('escapes names and comments with Markdown and HTML special characters', () => {
    const m = shopModel();
    m.tables.push(
      table('public', 'we|ird<script>alert(1)</script>', [{ name: 'a`b|c', comment: 'x | y <img src=x onerror=alert(1)> *bold* [link](http://evil)\nsecond line' }], {
        comment: '# not a heading\n| not | a | row |',
      }),
    );
    const docs = generateDocs({ model: m });
    const page = docs.files.find((f) => f.path.startsWith('tables/public.we_ird_script_alert'));
    assert.ok(page, docs.files.map((f) => f.path).join(', '));
    assert.doesNotMatch(page.content, /<script>|<img/);
    assert.match(page.content, /<code>a`b&#124;c<\/code>/);
    assert.match(page.content, /x \\\| y &lt;img src=x onerror=alert\(1\)&gt; \\\*bold\\\* \\\[link\\\]\(http:\/\/evil\)<br>second line/);
    assert.match(page.content, /\n\\# not a heading<br>\\\| not \\\| a \\\| row \\\|\n/);
    // Every table row keeps its column count: no cell broke out of the table.
    for (const line of page.content.split('\n').filter((l) => l.startsWith('| `') || l.startsWith('| <code>'))) {
      const cells = line.replace(/\\\|/g, '').replace(/&#124;/g, '').split('|').length;
      assert.ok(cells >= 4, line);
    }
    assert.doesNotMatch(file(docs, 'index.md'), /<script>/);
    const html = generateDocs({ model: m }, { format: 'html' });
    assert.doesNotMatch(file(html, 'index.html').replace(/<script>[\s\S]*?<\/script>/g, ''), /<script>alert|<img src=x/);
  });

  it('gives tables safe, unique file names: reserved device names, case clashes, odd characters', () => {
    const m = shopModel();
    m.tables.push(table('public', 'CON', [{ name: 'id' }]), table('public', 'Customer', [{ name: 'id' }]), table('public', 'a/b\\c:d', [{ name: 'id' }]), table('nul', 'x', [{ name: 'id' }]));
    const docs = generateDocs({ model: m });
    const names = docs.files.map((f) => f.path).filter((p) => p.startsWith('tables/'));
    assert.ok(names.includes('tables/public.CON_.md'), names.join(', '));
    assert.ok(names.includes('tables/nul_.x.md'), names.join(', '));
    assert.ok(names.includes('tables/public.a_b_c_d.md'), names.join(', '));
    const lower = names.map((n) => n.toLowerCase());
    assert.equal(new Set(lower).size, lower.length, 'no two names differ only in case');
    assert.ok(names.includes('tables/public.Customer.md') && names.includes('tables/public.customer-2.md'), names.join(', '));
    assert.ok(names.every((n) => /^tables\/[A-Za-z0-9_.-]+\.md$/.test(n)));
  });

  it('splits a schema too big for one diagram into neighbourhood parts on an ERD page', () => {
    const m = generatedSchema(120, 1);
    const graph = buildErdGraph(m);
    const parts = splitByNeighbourhood(graph);
    assert.ok(parts.length >= 5, `${parts.length} parts`);
    assert.ok(parts.every((p) => p.graph.nodes.length <= 25));
    assert.equal(parts.reduce((n, p) => n + p.graph.nodes.length, 0), 120, 'every table in exactly one part');
    const docs = generateDocs({ model: m });
    const index = file(docs, 'index.md');
    assert.doesNotMatch(index, /```mermaid/);
    assert.match(index, /drawn in parts by neighbourhood: \[ERD of s0\]\(erd\/s0\.md\)/);
    const erd = file(docs, 'erd/s0.md');
    assert.equal((erd.match(/```mermaid/g) ?? []).length, parts.length);
    assert.match(erd, /## Part 1: around `s0\.customer_0000`/);
  });

  it('applies docs.yml descriptions over database comments and warns about names that match nothing', () => {
    const src = parseYaml(
      ['tables:', '  orders:', '    description: One purchase.', '    columns:', '      total_amt: Sum of the lines.', '      nope: x', '  public.customer: Overridden.', '  ghost: Nothing.', ''].join('\n'),
      '.schemawise/docs.yml',
    );
    const docsFile = docsFromYaml(src);
    const docs = generateDocs({ model: shopModel(), docsFile });
    assert.match(file(docs, 'tables/public.orders.md'), /One purchase\./);
    assert.match(file(docs, 'tables/public.orders.md'), /\| Sum of the lines\. \|/);
    assert.match(file(docs, 'index.md'), /\| Overridden\. \|/);
    assert.deepEqual(docs.warnings, ['.schemawise/docs.yml:6: public.orders has no column "nope"', '.schemawise/docs.yml:8: no table or view named "ghost"']);
    const structure = JSON.parse(file(docs, 'schema.json')) as { tables: { name: string; comment?: string }[]; docsDescriptions: Record<string, string> };
    assert.equal(structure.tables.find((t) => t.name === 'customer')?.comment, 'People who buy.', 'schema.json keeps the database comment');
    assert.equal(structure.docsDescriptions['public.customer'], 'Overridden.');
  });

  it('builds a glossary from glossary.yml terms and harvested candidates, linked both ways', () => {
    const glossary = glossaryFromYaml(
      parseYaml(
        ['terms:', '  - term: Customer', '    definition: Someone who bought at least once.', '    synonyms: [client]', '    appliesTo: [orders.customer_id, public.ghost]', '  - term: Unit price', '    definition: Price of one item.', ''].join('\n'),
        'glossary.yml',
      ),
    );
    const docs = generateDocs({ model: shopModel(), glossary });
    const g = file(docs, 'glossary.md');
    assert.match(g, /## Business terms\n\n### Customer\n\nSomeone who bought at least once\.\n\n\*\*Synonyms:\*\* client\n\n\*\*Used in:\*\* \[`public\.big_customers`\]/);
    assert.match(g, /### Unit price\n\nPrice of one item\.\n\n\*\*Used in:\*\* \[`public\.product`\]\(tables\/public\.product\.md\)\.`unit_price`/);
    assert.match(g, /### qty\n\nAbbreviation of \*\*quantity\*\*\.\n\n\*\*Used in:\*\* \[`public\.order_line`\]\(tables\/public\.order_line\.md\)\.`qty`/);
    assert.match(g, /### amt\n\nAbbreviation of \*\*amount\*\*/);
    assert.match(g, /### dt\n\nAbbreviation of \*\*date\*\*/);
    assert.match(g, /### VAT\n\n_From acronym in comments\._\n\n\*\*Used in:\*\* \[`public\.product`\]\(tables\/public\.product\.md\)\.`sku`/);
    assert.match(g, /### sku\n\nAbbreviation of \*\*stock keeping unit\*\*/);
    assert.match(g, /\*\*Not found in this database:\*\* `public\.ghost`/);
    assert.ok(docs.warnings.some((w) => /public\.ghost/.test(w)));
    assert.match(file(docs, 'tables/public.orders.md'), /## Glossary terms\n\n\[Customer\]\(\.\.\/glossary\.md#customer\)/);
  });

  it('writes an HTML site with every page, a search box and the embedded ERD when the bundle is given', () => {
    const docs = generateDocs({ model: shopModel() }, { format: 'html', erdBundle: { js: 'window.__erdLoaded = true; /* </script> */', css: '.erd{}' } });
    assert.deepEqual(docs.files.map((f) => f.path), ['index.html', 'schema.json']);
    const html = file(docs, 'index.html');
    for (const id of ['index', 'tables/public.orders', 'glossary', 'routines', 'erd']) assert.match(html, new RegExp(`<section id="${id.replace('.', '\\.')}" class="page"`));
    assert.match(html, /<input id="search" type="search"/);
    assert.match(html, /<script type="application\/json" id="schema-data">\{/);
    assert.doesNotMatch(html, /\/\* <\/script> \*\//, 'a </script> inside the bundle is neutralised');
    assert.doesNotMatch(html, /capturedAt":"2026/);
    assert.equal(docs.tablePages.get('public.orders'), 'index.html#tables/public.orders');
  });
});
