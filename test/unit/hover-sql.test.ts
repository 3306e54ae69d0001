import { strict as assert } from 'node:assert';
import { hover } from '../../server/src/engine/features/hover/hover';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { chinook, cursor, indexOf, shopModel } from '../helpers/fixtures';

function hoverAt(marked: string, model: SchemaModel = shopModel()): string {
  const { text, offset } = cursor(marked);
  const h = hover(text, offset, indexOf(model));
  assert.ok(h, `no hover for ${marked}`);
  assert.ok(h.start <= offset && offset <= h.end);
  return h.markdown;
}

describe('hover: tables', () => {
  it('describes a table: kind, comment, row estimate, columns, PK, FKs in and out, indexes', () => {
    const md = hoverAt('SELECT * FROM orde|rs');
    assert.match(md, /\*\*table\*\* `public\.orders`/);
    assert.match(md, /~54,000 rows/);
    assert.match(md, /\| `customer_id` \| bigint \| FK → `customers\.id`, NOT NULL \|/);
    assert.match(md, /\*\*Primary key\*\* `orders_pkey` \(id\)/);
    assert.match(md, /\(customer_id\) → `public\.customers` \(id\) — ON DELETE CASCADE/);
    assert.match(md, /\*\*Referenced by\*\* `public\.LineItem` \(OrderId\), `sales\.invoices` \(order_id\)/);
    assert.match(md, /`orders_customer_id_idx` \(customer_id\)/);
  });

  it('stays compact enough for an editor hover (about 250 px): Chinook track in at most 16 lines', () => {
    const md = hoverAt('SELECT * FROM track|', chinook());
    const lines = md.split('\n').filter((l) => l.trim() !== '');
    assert.ok(lines.length <= 16, `${lines.length} lines:\n${md}`);
    assert.match(md, /`unit_price`/, 'every column is listed');
  });

  it('shows the comment and unique indexes, and says view for a view', () => {
    assert.match(hoverAt('SELECT * FROM customers|'), /People who buy things[\s\S]*`customers_email_key` unique \(email\)/);
    assert.match(hoverAt('SELECT * FROM sales.monthly|_totals'), /\*\*view\*\* `sales\.monthly_totals`/);
  });

  it('describes the aliased table when hovering an alias, wherever it is used', () => {
    assert.match(hoverAt('SELECT o|.total FROM orders o'), /\*\*table\*\* `public\.orders`/);
    assert.match(hoverAt('SELECT * FROM orders o|'), /\*\*table\*\* `public\.orders`/);
  });

  it('describes a schema', () => {
    assert.match(hoverAt('SELECT * FROM sal|es.invoices'), /\*\*schema\*\* `sales`\n\nInvoicing\n\n1 tables, 1 views/);
  });

  it('describes Chinook tables built from the Spider schema with their real foreign keys', () => {
    const md = hoverAt('SELECT * FROM track|', chinook());
    assert.match(md, /\| `album_id` \| integer \| FK → `album\.album_id` \|/);
    assert.match(md, /\| `genre_id` \| integer \| FK → `genre\.genre_id` \|/);
    assert.match(md, /\*\*Referenced by\*\*[\s\S]*`public\.invoice_line` \(track_id\)[\s\S]*`public\.playlist_track` \(track_id\)/);
  });
});

describe('hover: columns', () => {
  it('describes type, nullability, identity and key membership', () => {
    const md = hoverAt('SELECT c.i|d FROM customers c');
    assert.match(md, /`bigint` NOT NULL/);
    assert.match(md, /identity \(generated always\)/);
    assert.match(md, /- primary key/);
  });

  it('describes defaults, generated expressions, enums, uniques, foreign keys and comments', () => {
    assert.match(hoverAt('SELECT created_a|t FROM customers'), /default `now\(\)`/);
    assert.match(hoverAt('SELECT tota|l FROM orders'), /generated as `\(total_cents \/ 100\.0\)`/);
    assert.match(hoverAt('SELECT statu|s FROM orders'), /enum: 'new', 'paid', 'shipped'/);
    assert.match(hoverAt('SELECT emai|l FROM customers'), /unique \(`customers_email_key`\)/);
    assert.match(hoverAt('SELECT full_nam|e FROM customers'), /As printed on invoices/);
    assert.match(hoverAt('SELECT * FROM orders o WHERE o.customer_i|d = 1'), /foreign key → `public\.customers`\.id \(`orders_customer_id_fkey`\)/);
  });

  it('resolves a bare column to the table in scope that has it', () => {
    const md = hoverAt('SELECT issued_o|n FROM orders o JOIN sales.invoices i ON i.order_id = o.id');
    assert.match(md, /`date` NOT NULL[\s\S]*in `sales\.invoices`/);
  });

  it('resolves alias.column to that alias table even when both tables have the column', () => {
    const sql = 'SELECT ar.na|me FROM album al JOIN artist ar ON ar.artist_id = al.artist_id';
    assert.match(hoverAt(sql, chinook()), /\*\*column\*\* `artist\.name`/);
    assert.match(hoverAt('SELECT al.artist_i|d FROM album al JOIN artist ar ON true', chinook()), /foreign key → `public\.artist`\.artist_id/);
    assert.match(hoverAt('SELECT ar.artist_i|d FROM album al JOIN artist ar ON true', chinook()), /- primary key/);
  });

  it('resolves schema.table.column and quoted mixed-case names', () => {
    assert.match(hoverAt('SELECT sales.invoices.order_i|d'), /\*\*column\*\* `invoices\.order_id`/);
    assert.match(hoverAt('SELECT li."Order|Id" FROM "LineItem" li'), /\*\*column\*\* `"LineItem"\."OrderId"`/);
  });

  it('names the columns of a CTE', () => {
    const { text, offset } = cursor('WITH t AS (SELECT id AS n FROM orders) SELECT t.|n FROM t');
    assert.match(hover(text, offset, indexOf(shopModel()))!.markdown, /\*\*column\*\* `n`\n\nfrom CTE `t`/);
  });

  it('says nothing for keywords, literals and unknown names', () => {
    for (const sql of ['SEL|ECT 1', "SELECT 'ab|c'", 'SELECT nosu|ch FROM orders']) {
      const { text, offset } = cursor(sql);
      assert.equal(hover(text, offset, indexOf(shopModel())), undefined, sql);
    }
  });
});
