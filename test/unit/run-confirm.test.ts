// Which statements need a confirmation on which connection (the engine's policy, enforced by the
// server), what the client's modal says about them, and the send → confirm → send-with-token flow.
import { strict as assert } from 'node:assert';
import { confirmationPrompt, runTitle, withConfirmation } from '../../client/src/run/confirm';
import { connectParams } from '../../client/src/connect-params';
import { connectionsFrom } from '../../client/src/settings';
import { checkSql } from '../../server/src/engine/safety/firewall';
import { confirmationsFor, isProductionConnection } from '../../server/src/engine/safety/confirm-policy';
import type { RunConnection, RunOutcome } from '../../server/src/protocol';
import type { DialectId } from '../../server/src/engine/schema/model';

async function needing(sql: string, dialect: DialectId, production: boolean, mode: 'writable' | 'read-only' = 'writable'): Promise<[number, string][]> {
  return confirmationsFor(await checkSql(sql, dialect, mode), { confirmAllWrites: production }).map((c) => [c.index, c.reason]);
}

describe('run confirmation policy (engine) and prompts (client)', () => {
  describe('which statements need a confirmation', () => {
    const script = "select * from orders; update orders set total = 0 where id = 7; delete from orders; insert into log values (1); drop table tmp; alter table t add column c int; truncate audit";

    it('on an ordinary writable connection: only the destructive ones, each with its reason (PostgreSQL)', async () => {
      const items = await needing(script, 'postgres', false);
      assert.deepEqual(items.map(([i]) => i), [3, 5, 6, 7]);
      assert.match(items[0]![1], /DELETE without WHERE/);
      assert.match(items[1]![1], /DROP/);
      assert.match(items[2]![1], /ALTER/);
      assert.match(items[3]![1], /TRUNCATE/);
    });

    it('on a production connection: every write, reads never (MySQL too)', async () => {
      for (const dialect of ['postgres', 'mysql'] as const) {
        const items = await needing(script, dialect, true);
        assert.deepEqual(items.map(([i]) => i), [2, 3, 4, 5, 6, 7], dialect);
        assert.equal(items[0]![1], 'UPDATE writes to a production connection');
        assert.match(items[1]![1], /DELETE without WHERE/, 'a destructive reason wins over the generic one');
      }
    });

    it('counts hidden writes and side-effect functions as writes, and asks nothing in read-only mode', async () => {
      assert.deepEqual((await needing('with d as (delete from t where id = 1 returning *) select * from d', 'postgres', true)).map(([i]) => i), [1]);
      assert.deepEqual((await needing("select nextval('s')", 'postgres', false)).map(([i]) => i), [1]);
      assert.deepEqual(await needing('delete from orders', 'postgres', true, 'read-only'), []);
    });

    it('recognises the production tag in any case', () => {
      assert.equal(isProductionConnection(['Production']), true);
      assert.equal(isProductionConnection(['prod', 'eu']), false);
      assert.equal(isProductionConnection(undefined), false);
    });
  });

  describe('the modal', () => {
    const prod: RunConnection = { name: 'billing', mode: 'writable', production: true };
    const dev: RunConnection = { name: 'dev', mode: 'writable', production: false };
    const items = [
      { index: 2, preview: 'delete from orders', reason: 'DELETE without WHERE removes every row' },
      { index: 5, preview: 'drop table tmp', reason: 'DROP TABLE removes the object and its data' },
    ];

    it('names the connection, says production, and lists each statement with its reason', () => {
      assert.deepEqual(confirmationPrompt('run', prod, items), {
        message: 'Run these 2 writes on the production connection "billing"?',
        detail: '2. delete from orders — DELETE without WHERE removes every row\n5. drop table tmp — DROP TABLE removes the object and its data',
        confirmLabel: 'Run on billing',
      });
      assert.equal(confirmationPrompt('run', dev, items.slice(0, 1)).message, 'Run a destructive statement on "dev"?');
      assert.equal(confirmationPrompt('explain-analyze', prod, items.slice(0, 1)).message, 'EXPLAIN ANALYZE executes the statement on "billing" (production). Run it?');
      assert.deepEqual(
        [confirmationPrompt('explain-analyze', dev, items.slice(0, 1)).message, confirmationPrompt('explain-analyze', dev, items.slice(0, 1)).confirmLabel],
        ['EXPLAIN ANALYZE executes the statement on "dev". Run it?', 'Explain Analyze on dev'],
      );
    });
  });

  describe('withConfirmation', () => {
    const asked: RunOutcome = { status: 'needs-confirmation', connection: { name: 'dev', mode: 'writable', production: false }, items: [{ index: 1, preview: 'delete from t', reason: 'DELETE without WHERE' }], token: 'tok-1' };
    const done: RunOutcome = { status: 'completed', connection: asked.connection, results: [] };

    it('sends once when the server needs no confirmation, and never asks', async () => {
      const sent: (string | undefined)[] = [];
      const flow = await withConfirmation('run', async (t) => (sent.push(t), done), async () => assert.fail('asked'));
      assert.deepEqual([flow.kind, sent], ['done', [undefined]]);
    });

    it('asks, and on yes sends again with the server token', async () => {
      const sent: (string | undefined)[] = [];
      let prompt = '';
      const flow = await withConfirmation('run', async (t) => (sent.push(t), t ? done : asked), async (p) => ((prompt = p.message), true));
      assert.deepEqual(sent, [undefined, 'tok-1']);
      assert.equal(prompt, 'Run a destructive statement on "dev"?');
      assert.ok(flow.kind === 'done' && flow.outcome.status === 'completed');
    });

    it('on no sends nothing more', async () => {
      const sent: (string | undefined)[] = [];
      const flow = await withConfirmation('run', async (t) => (sent.push(t), asked), async () => false);
      assert.deepEqual([flow.kind, sent], ['declined', [undefined]]);
    });
  });

  it('sends the connection tags to the server, which decides about production writes from them', () => {
    const [c] = connectionsFrom([{ name: 'billing', dialect: 'postgres', readOnly: false, tags: ['production'] }]).value;
    assert.deepEqual(connectParams({ kind: 'configured', connection: c! }, undefined), { name: 'billing', driver: 'postgres', host: 'localhost', port: 5432, readOnly: false, tags: ['production'], ssl: { mode: 'disable' } });
  });

  it('titles the results panel by file and what ran', () => {
    assert.equal(runTitle('/w/reports/q.sql', 'statement', 11), 'q.sql · statement at line 12');
    assert.equal(runTitle('C:\\w\\q.sql', 'selection'), 'q.sql · selection');
    assert.equal(runTitle('Untitled-1', 'explain-analyze', 0), 'Explain Analyze · Untitled-1 line 1');
  });
});
