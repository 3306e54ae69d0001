// The ERD graph model, views, layout helpers and Mermaid export: pure functions over SchemaModels
// built from real schemas (Spider's chinook_1, AdventureWorks' install script) and a hand-made one.
import { strict as assert } from 'node:assert';
import {
  applyView,
  buildErdGraph,
  chooseLayoutEngine,
  edgeShape,
  gridLayout,
  neighbourhood,
  nodeSize,
  search,
  toElkInput,
  toMermaidErDiagram,
  ELK_MAX_NODES,
  elkJobs,
  packLayouts,
  boundsOf as drawingBounds,
} from '../../server/src/engine/erd';
import { emptyModel, type SchemaModel, type TableInfo } from '../../server/src/engine/schema/model';
import { spiderModel } from '../helpers/fixtures';
import { adventureWorksModel } from '../helpers/pg-ddl-model';
import { syntheticSchema } from '../webview/synthetic-schema';

function table(schema: string, name: string, cols: [string, boolean][], extra: Partial<TableInfo> = {}): TableInfo {
  return {
    schema,
    name,
    kind: 'table',
    columns: cols.map(([n, nullable], i) => ({ name: n, ordinal: i + 1, dataType: 'integer', nullable })),
    foreignKeys: [],
    uniques: [],
    checks: [],
    indexes: [],
    ...extra,
  };
}

const fk = (columns: string[], refTable: string, refColumns: string[], name = '') => ({ name, columns, refSchema: 'app', refTable, refColumns, onUpdate: 'no_action' as const, onDelete: 'no_action' as const });

/** orders → customers (mandatory), orders → coupons (optional), profile → customers (1:1), line (order_id, n) composite. */
function shop(): SchemaModel {
  const m = emptyModel('postgres', 'shop', ['app']);
  m.schemas.push({ name: 'app' });
  m.tables = [
    table('app', 'customers', [['id', false]], { primaryKey: { name: 'c_pk', columns: ['id'] } }),
    table('app', 'coupons', [['id', false]], { primaryKey: { name: 'k_pk', columns: ['id'] } }),
    table('app', 'orders', [['id', false], ['customer_id', false], ['coupon_id', true]], {
      primaryKey: { name: 'o_pk', columns: ['id', 'customer_id'] },
      foreignKeys: [fk(['customer_id'], 'customers', ['id'], 'orders_customer_fk'), fk(['coupon_id'], 'coupons', ['id'])],
    }),
    table('app', 'profile', [['customer_id', false]], { uniques: [{ name: 'p_uq', columns: ['customer_id'] }], foreignKeys: [fk(['customer_id'], 'customers', ['id'])] }),
    table('app', 'line', [['order_id', false], ['customer_id', false], ['n', false]], { foreignKeys: [fk(['order_id', 'customer_id'], 'orders', ['id', 'customer_id'])] }),
    table('app', 'ghost_ref', [['x', true]], { foreignKeys: [{ ...fk(['x'], 'missing', ['id']), refSchema: 'elsewhere' }] }),
  ];
  return m;
}

describe('ERD graph model', () => {
  it('reads cardinality from keys, optionality from nullability and identifying FKs from the PK', () => {
    const g = buildErdGraph(shop());
    const edge = (from: string, to: string) => g.edges.find((e) => e.from === `app.${from}` && e.to === `app.${to}`)!;
    assert.deepEqual(
      [edge('orders', 'customers'), edge('orders', 'coupons'), edge('profile', 'customers')].map((e) => [e.cardinality, e.optional, e.identifying]),
      [
        ['many-to-one', false, true],
        ['many-to-one', true, false],
        ['one-to-one', false, false],
      ],
    );
    const composite = edge('line', 'orders');
    assert.deepEqual([composite.fromColumns, composite.toColumns], [['order_id', 'customer_id'], ['id', 'customer_id']]);
    assert.deepEqual(g.unresolved, ['app.ghost_ref -> elsewhere.missing'], 'dangling FKs are reported, not drawn');
    const orders = g.nodes.find((n) => n.id === 'app.orders')!;
    assert.deepEqual(orders.columns.map((c) => [c.name, c.pk, c.fk, c.nullable]), [
      ['id', true, false, false],
      ['customer_id', true, true, false],
      ['coupon_id', false, true, true],
    ]);
  });

  it('builds Chinook with 11 tables and its 11 foreign keys, and AdventureWorks with 68 and 90', () => {
    const chinook = buildErdGraph(spiderModel('chinook_1'));
    assert.deepEqual([chinook.nodes.length, chinook.edges.length, chinook.unresolved.length], [11, 11, 0]);
    const aw = buildErdGraph(adventureWorksModel());
    assert.deepEqual([aw.nodes.length, aw.edges.length, aw.unresolved.length], [68, 90, 0]);
    assert.deepEqual(aw.schemas, ['person', 'humanresources', 'production', 'purchasing', 'sales']);
  });
});

describe('ERD views', () => {
  const chinook = buildErdGraph(spiderModel('chinook_1'));

  it('neighbourhood follows FKs both ways for N hops and keeps only edges inside', () => {
    const zero = neighbourhood(chinook, 'Artist', 0);
    assert.deepEqual(zero.nodes.map((n) => n.name), ['Artist']);
    const one = neighbourhood(chinook, 'public.Album', 1);
    assert.deepEqual(one.nodes.map((n) => n.name).sort(), ['Album', 'Artist', 'Track']);
    assert.equal(one.edges.length, 2);
    assert.equal(neighbourhood(chinook, 'nope', 2).nodes.length, 0);
  });

  it('search matches table names, or column names with col:, case-insensitively', () => {
    assert.deepEqual(search(chinook, 'PLAYLIST').nodes.map((n) => n.name).sort(), ['Playlist', 'PlaylistTrack']);
    assert.deepEqual(search(chinook, 'col:reportsto').nodes.map((n) => n.name), ['Employee']);
    assert.equal(search(chinook, '  ').nodes.length, 11);
  });

  it('a schema filter narrows every view', () => {
    const aw = buildErdGraph(adventureWorksModel());
    const sales = applyView(aw, { kind: 'all' }, ['sales']);
    assert.ok(sales.nodes.length > 10 && sales.nodes.every((n) => n.schema === 'sales'));
    assert.ok(sales.edges.every((e) => e.from.startsWith('sales.') && e.to.startsWith('sales.')));
    const around = applyView(aw, { kind: 'neighbourhood', table: 'sales.customer', hops: 1 }, ['sales']);
    assert.ok(around.nodes.every((n) => n.schema === 'sales') && around.nodes.some((n) => n.name === 'salesorderheader'));
  });
});

describe('ERD layout and geometry', () => {
  it('sizes boxes from their columns and collapses them to the header', () => {
    const track = buildErdGraph(spiderModel('chinook_1')).nodes.find((n) => n.name === 'Track')!;
    assert.equal(nodeSize(track).height, 28 + 9 * 20);
    assert.equal(nodeSize(track, true).height, 28);
  });

  it('gives ELK one child per table and one parent→child edge per FK, cheaper options when big', () => {
    const g = buildErdGraph(spiderModel('chinook_1'));
    const input = toElkInput(g);
    assert.equal(input.children!.length, 11);
    assert.equal(input.edges!.length, 10, 'the self-reference (Employee.ReportsTo) is drawn but not laid out');
    assert.equal(input.layoutOptions!['elk.layered.thoroughness'], undefined);
    assert.equal(toElkInput(buildErdGraph(syntheticSchema(400))).layoutOptions!['elk.layered.thoroughness'], '1');
    assert.equal(chooseLayoutEngine(ELK_MAX_NODES), 'elk');
    assert.equal(chooseLayoutEngine(ELK_MAX_NODES + 1), 'grid');
  });

  it('lays out each schema on its own and packs the blocks to the panel shape (not one strip)', () => {
    const g = buildErdGraph(adventureWorksModel());
    const jobs = elkJobs(g, 1.6);
    assert.deepEqual(jobs.map((j) => j.schema).sort(), ['humanresources', 'person', 'production', 'purchasing', 'sales']);
    assert.equal(jobs.reduce((n, j) => n + j.input.children!.length, 0), g.nodes.length);
    assert.equal(elkJobs(g, 0.6)[0]!.input.layoutOptions!['elk.direction'], 'DOWN', 'a tall panel lays out top to bottom');
    // Stand-in block layouts: each schema as a row of its tables (the worst case, a strip per schema).
    const blocks = jobs.map((j) => {
      let x = 0;
      return Object.fromEntries(j.input.children!.map((c) => [c.id, { x: (x += (c.width ?? 0) + 30) - (c.width ?? 0) - 30, y: 0 }]));
    });
    for (const aspect of [1.6, 0.75, 3]) {
      const packed = packLayouts(g, blocks, aspect);
      assert.equal(Object.keys(packed).length, g.nodes.length);
      const b = drawingBounds(g.nodes, packed);
      // The unpacked alternative: every schema block side by side in one row.
      const sizes = blocks.map((block) => drawingBounds(g.nodes.filter((n) => n.id in block), block));
      const oneRow = sizes.reduce((w, z) => w + z.width, 0) / Math.max(...sizes.map((z) => z.height));
      const off = (a: number) => Math.abs(Math.log(a / aspect));
      assert.ok(off(b.width / b.height) <= off(oneRow), `aspect ${aspect}: packed ${(b.width / b.height).toFixed(2)} vs one row ${oneRow.toFixed(2)}`);
      // Blocks never overlap: within each schema the relative positions are kept.
      for (const block of blocks) {
        const ids = Object.keys(block);
        const dx = packed[ids[0]!]!.x - block[ids[0]!]!.x;
        for (const id of ids) assert.equal(packed[id]!.x - block[id]!.x, dx);
      }
    }
  });

  it('grid layout places 5,000 tables without overlaps in linear time', () => {
    const g = buildErdGraph(syntheticSchema(5000));
    const t0 = performance.now();
    const pos = gridLayout(g);
    assert.ok(performance.now() - t0 < 1000);
    assert.equal(Object.keys(pos).length, 5000);
    const boxes = g.nodes.map((n) => ({ ...pos[n.id], ...nodeSize(n) })).sort((a, b) => a.x - b.x);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length && boxes[j].x < boxes[i].x + boxes[i].width; j++) {
        const a = boxes[i], b = boxes[j];
        assert.ok(a.y + a.height <= b.y || b.y + b.height <= a.y, `boxes overlap at ${a.x},${a.y}`);
      }
  });

  it('edges leave the facing sides at the FK column row with a crow\'s foot on the many side', () => {
    const g = buildErdGraph(spiderModel('chinook_1'));
    const e = g.edges.find((x) => x.from === 'public.Album' && x.to === 'public.Artist')!;
    const album = g.nodes.find((n) => n.id === e.from)!, artist = g.nodes.find((n) => n.id === e.to)!;
    const s = edgeShape(e, album, artist, { x: 400, y: 0 }, { x: 0, y: 0 }, false);
    const artistIdRow = album.columns.findIndex((c) => c.name === 'ArtistId');
    assert.deepEqual(s.start, { x: 400, y: 28 + artistIdRow * 20 + 10 }, 'starts at the left side of Album, ArtistId row');
    assert.deepEqual(s.end, { x: nodeSize(artist).width, y: 28 + 10 }, 'ends at the right side of Artist, ArtistId row');
    assert.match(s.marks, /^M389,\d+(\.\d)?L400,/, 'crow\'s foot prongs meet the Album box');
  });
});

describe('Mermaid erDiagram export', () => {
  it('writes entities with typed, keyed attributes and relationships with cardinality', () => {
    const text = toMermaidErDiagram(buildErdGraph(shop()));
    const lines = text.split('\n');
    assert.equal(lines[0], 'erDiagram');
    assert.ok(lines.includes('  customers ||--o{ orders : "orders_customer_fk"'), 'mandatory, identifying many-to-one');
    assert.ok(lines.includes('  coupons |o..o{ orders : "coupon_id"'), 'optional many-to-one labelled by its column');
    assert.ok(lines.includes('  customers ||..o| profile : "customer_id"'), 'one-to-one');
    assert.ok(lines.includes('    integer coupon_id FK "nullable"'));
    assert.ok(lines.includes('    integer customer_id PK, FK'));
  });

  it('qualifies entity names across schemas and sanitizes types Mermaid cannot parse', () => {
    const aw = buildErdGraph(adventureWorksModel());
    const text = toMermaidErDiagram(aw);
    assert.match(text, /^ {2}production__product\["production\.product"\] \{$/m);
    assert.match(text, /^ {4}decimal\(8-2\) \w+/m, 'commas (and spaces) in types are replaced');
    const model = adventureWorksModel();
    const typed = toMermaidErDiagram(buildErdGraph({ ...model, tables: [{ ...model.tables[0]!, columns: [{ ...model.tables[0]!.columns[0]!, dataType: 'public.mpaa_rating' }] }] }));
    assert.match(typed, /^ {4}public_mpaa_rating \w+/m, 'a schema-qualified type keeps its parts apart');
    for (const line of text.split('\n').filter((l) => l.startsWith('    '))) assert.match(line, /^ {4}[A-Za-z_][\w()[\]-]* [A-Za-z_][\w-]*( (PK|FK|UK)(, (PK|FK|UK))*)?( "[^"]*")?$/, line);
    assert.equal(text.split('\n').filter((l) => / : "/.test(l)).length, 90);
  });
});
