import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { emptyModel, type SchemaModel, type TableInfo } from '../../server/src/engine/schema/model';
import { connectionNode, type SchemaNode } from '../../client/src/tree/schema-nodes';
import { datasetPath } from '../helpers/datasets';

// Real schemas: the Spider benchmark's tables.json (166 databases with primary and foreign keys).
interface SpiderDb {
  db_id: string;
  table_names_original: string[];
  column_names_original: [number, string][];
  column_types: string[];
  primary_keys: (number | number[])[];
  foreign_keys: [number, number][];
}
const spider: SpiderDb[] = JSON.parse(readFileSync(datasetPath('spider/tables.json'), 'utf8'));

/** Spider's column-index tables as a SchemaModel (one `main` schema, PK/FK constraints as declared). */
function spiderModel(db: SpiderDb): SchemaModel {
  const m = emptyModel('postgres', db.db_id, ['main']);
  m.schemas.push({ name: 'main' });
  const pkCols = new Set(db.primary_keys.flat());
  const col = (i: number) => db.column_names_original[i]!;
  m.tables = db.table_names_original.map((name, ti) => {
    const cols = db.column_names_original.map((c, i) => ({ c, i })).filter(({ c }) => c[0] === ti);
    const t: TableInfo = {
      schema: 'main', name, kind: 'table', uniques: [], checks: [], indexes: [], foreignKeys: [],
      columns: cols.map(({ c, i }, n) => ({ name: c[1], ordinal: n + 1, dataType: db.column_types[i]!, nullable: !pkCols.has(i) })),
    };
    const pk = cols.filter(({ i }) => pkCols.has(i)).map(({ c }) => c[1]);
    if (pk.length) t.primaryKey = { name: `${name}_pkey`, columns: pk };
    t.foreignKeys = db.foreign_keys.filter(([from]) => col(from)[0] === ti).map(([from, to], k) => ({
      name: `${name}_fk${k}`, columns: [col(from)[1]], refSchema: 'main', refTable: db.table_names_original[col(to)[0]]!, refColumns: [col(to)[1]], onUpdate: 'no_action', onDelete: 'cascade',
    }));
    return t;
  });
  return m;
}

const header = { name: 'spider', dialect: 'postgres', readOnly: true };
const kids = (n: SchemaNode | undefined) => n?.children?.() ?? [];
const find = (nodes: SchemaNode[], label: string) => {
  const n = nodes.find((x) => x.label === label);
  assert.ok(n, `no node "${label}" among ${nodes.map((x) => x.label).join(', ')}`);
  return n;
};
function walk(n: SchemaNode, visit: (n: SchemaNode) => void): void {
  visit(n);
  for (const c of kids(n)) walk(c, visit);
}

describe('client schema tree (Spider concert_singer)', () => {
  const model = spiderModel(spider.find((d) => d.db_id === 'concert_singer')!);
  const root = connectionNode(header, model);
  const schema = find(kids(root), 'main');
  const tables = find(kids(schema), 'Tables');
  const concert = find(kids(tables), 'concert');
  const [columns, keys] = [find(kids(concert), 'Columns'), find(kids(concert), 'Keys')];

  it('roots the tree at the connection, expanded, with dialect and access', () => {
    assert.equal(root.label, 'spider');
    assert.equal(root.description, 'postgres · read-only');
    assert.equal(root.expanded, true);
    assert.match(root.tooltip!, /Database: concert_singer/);
    assert.equal(schema.expanded, true, 'a lone schema opens by itself');
  });

  it('lists tables by name under a Tables folder with a count, and no Views folder when there are none', () => {
    assert.deepEqual(kids(schema).map((n) => n.label), ['Tables']);
    assert.equal(tables.description, '4');
    assert.deepEqual(kids(tables).map((n) => n.label), ['concert', 'singer', 'singer_in_concert', 'stadium']);
    assert.deepEqual(concert.target, { schema: 'main', table: 'concert' });
    assert.equal(concert.contextValue, 'schemawise.table');
  });

  it('shows columns in table order as name with type and PK/FK/NOT NULL markers', () => {
    assert.deepEqual(
      kids(columns).map((n) => [n.label, n.description, n.icon]),
      [
        ['concert_ID', 'number · PK', 'key'],
        ['concert_Name', 'text', 'symbol-field'],
        ['Theme', 'text', 'symbol-field'],
        ['Stadium_ID', 'text · FK', 'references'],
        ['Year', 'text', 'symbol-field'],
      ],
    );
    assert.match(find(kids(columns), 'Stadium_ID').tooltip!, /References main\.stadium\(Stadium_ID\)/);
  });

  it('lists the primary key and each foreign key with its target table', () => {
    assert.deepEqual(kids(keys).map((n) => [n.label, n.description]), [
      ['concert_pkey', 'PRIMARY KEY (concert_ID)'],
      ['concert_fk0', '(Stadium_ID) → main.stadium(Stadium_ID)'],
    ]);
    assert.match(kids(keys)[1]!.tooltip!, /ON UPDATE NO ACTION, ON DELETE CASCADE/);
    const sic = find(kids(tables), 'singer_in_concert');
    assert.equal(kids(find(kids(sic), 'Keys')).filter((k) => k.contextValue === 'schemawise.foreignKey').length, 2);
  });
});

describe('client schema tree (hand-built details)', () => {
  const m = emptyModel('postgres', 'dvd', ['public']);
  m.serverVersion = 'PostgreSQL 15.19';
  m.schemas.push({ name: 'public', comment: 'standard public schema' }, { name: 'audit' });
  m.tables.push(
    {
      schema: 'public', name: 'film', kind: 'table', comment: 'Films for rent', rowEstimate: 1000, checks: [],
      columns: [
        { name: 'title', ordinal: 2, dataType: 'text', nullable: false, comment: 'Display title' },
        { name: 'film_id', ordinal: 1, dataType: 'integer', nullable: false, identity: 'by_default' },
        { name: 'rating', ordinal: 3, dataType: 'mpaa_rating', nullable: true, default: "'G'::mpaa_rating" },
      ],
      primaryKey: { name: 'film_pkey', columns: ['film_id'] },
      foreignKeys: [],
      uniques: [{ name: 'film_title_key', columns: ['title'] }],
      indexes: [
        { name: 'idx_title', columns: ['title'], unique: false, primary: false, method: 'btree', predicate: 'rating IS NOT NULL', definition: 'CREATE INDEX idx_title ON public.film USING btree (title) WHERE rating IS NOT NULL' },
        { name: 'film_pkey', columns: ['film_id'], unique: true, primary: true, method: 'btree' },
      ],
    },
    { schema: 'public', name: 'film_list', kind: 'view', columns: [{ name: 'title', ordinal: 1, dataType: 'text', nullable: true }], foreignKeys: [], uniques: [], checks: [], indexes: [] },
    { schema: 'public', name: 'rental_by_category', kind: 'materialized_view', columns: [], foreignKeys: [], uniques: [], checks: [], indexes: [] },
    { schema: 'staging', name: 'raw', kind: 'partitioned_table', columns: [], foreignKeys: [], uniques: [], checks: [], indexes: [] },
  );
  const root = connectionNode({ name: 'dvd', dialect: 'postgres', readOnly: false }, m);
  const schemas = kids(root);
  const pub = find(schemas, 'public');
  const film = find(kids(find(kids(pub), 'Tables')), 'film');

  it('orders schemas by search path then name, and shows schemas known only from their tables', () => {
    assert.deepEqual(schemas.map((s) => [s.label, s.description]), [['public', undefined], ['audit', 'empty'], ['staging', undefined]]);
    assert.equal(find(schemas, 'audit').children, undefined);
    assert.equal(pub.tooltip, 'standard public schema');
    assert.equal(pub.expanded, false);
    assert.equal(root.description, 'postgres · writable');
  });

  it('puts views and materialized views under Views and labels special table kinds', () => {
    assert.deepEqual(kids(find(kids(pub), 'Views')).map((v) => [v.label, v.description, v.icon, v.contextValue]), [
      ['film_list', undefined, 'eye', 'schemawise.view'],
      ['rental_by_category', 'materialized', 'eye', 'schemawise.view'],
    ]);
    assert.equal(find(kids(find(kids(find(schemas, 'staging')), 'Tables')), 'raw').description, 'partitioned');
    assert.equal(film.description, '~1,000 rows');
    assert.equal(film.tooltip, 'public.film (table, 3 columns)\n\nFilms for rent');
  });

  it('uses the column comment as the head of the tooltip, with default and identity details', () => {
    const cols = kids(find(kids(film), 'Columns'));
    assert.deepEqual(cols.map((c) => c.label), ['film_id', 'title', 'rating']);
    assert.equal(cols[1]!.description, 'text · NOT NULL');
    assert.equal(cols[1]!.tooltip, 'Display title\n\ntitle text NOT NULL');
    assert.equal(cols[0]!.tooltip, 'film_id integer NOT NULL\nPrimary key\nIdentity (generated by default)');
    assert.equal(cols[2]!.tooltip, "rating mpaa_rating\nDefault 'G'::mpaa_rating");
  });

  it('lists unique keys and indexes (name order) with method, uniqueness and partial predicate', () => {
    assert.deepEqual(kids(find(kids(film), 'Keys')).map((k) => k.description), ['PRIMARY KEY (film_id)', 'UNIQUE (title)']);
    const idx = kids(find(kids(film), 'Indexes'));
    assert.deepEqual(idx.map((i) => [i.label, i.description]), [['film_pkey', '(film_id) · primary · btree'], ['idx_title', '(title) · btree · partial']]);
    assert.equal(idx[1]!.tooltip, 'CREATE INDEX idx_title ON public.film USING btree (title) WHERE rating IS NOT NULL\nWHERE rating IS NOT NULL');
  });

  it('omits Keys and Indexes folders for a view', () => {
    const view = find(kids(find(kids(pub), 'Views')), 'film_list');
    assert.deepEqual(kids(view).map((f) => f.label), ['Columns']);
  });
});

describe('client schema tree over all 166 Spider schemas', () => {
  it('gives every node a unique id and marks every foreign-key column FK', () => {
    let nodes = 0;
    for (const db of spider) {
      const model = spiderModel(db);
      const ids = new Set<string>();
      walk(connectionNode({ ...header, name: db.db_id }, model), (n) => {
        nodes++;
        assert.ok(!ids.has(n.id), `duplicate id ${n.id} in ${db.db_id}`);
        ids.add(n.id);
        if (n.kind === 'column') {
          const t = model.tables.find((x) => x.name === n.target!.table)!;
          const isFk = t.foreignKeys.some((fk) => fk.columns.includes(n.target!.column!));
          assert.equal(n.description!.includes('FK'), isFk, `${db.db_id}.${t.name}.${n.label}`);
        }
      });
      const tableCount = [...ids].filter((id) => /\/tables\/t:[^/]+$/.test(id)).length;
      assert.equal(tableCount, model.tables.length, db.db_id);
    }
    assert.ok(nodes > 9_000, `walked ${nodes} nodes`);
  });
});
