// Add Connection tests before saving (issue 20): the decisions, with fake prompts and a fake server.
import { strict as assert } from 'node:assert';
import { testBeforeSaving, type TestFlowDeps, type TestOutcome } from '../../client/src/connection-test-flow';
import { connectionsFrom } from '../../client/src/settings';
import type { ConnectParams } from '../../server/src/protocol';

const setting = connectionsFrom([{ name: 'app', dialect: 'postgres', host: 'db', port: 5432, database: 'app', user: 'me' }]).value[0]!;

function fakes(outcomes: TestOutcome[], passwords: (string | undefined)[], choices: ('retry' | 'save' | undefined)[] = []) {
  const sent: ConnectParams[] = [];
  const asked: string[] = [];
  const deps: TestFlowDeps = {
    askPassword: async (_c, why) => {
      asked.push(why);
      return passwords.shift();
    },
    test: async (p) => {
      sent.push(p);
      return outcomes.shift()!;
    },
    onFailure: async () => choices.shift(),
  };
  return { deps, sent, asked };
}

const ok: TestOutcome = { ok: true, serverVersion: 'PostgreSQL 15.8', ms: 12 };

describe('client: Add Connection tests the connection before saving', () => {
  it('saves with the password that worked', async () => {
    const f = fakes([ok], ['s3cret']);
    assert.deepEqual(await testBeforeSaving(f.deps, setting), { kind: 'tested', password: 's3cret', serverVersion: 'PostgreSQL 15.8', ms: 12 });
    assert.equal((f.sent[0] as { password?: string }).password, 's3cret');
  });

  it('asks again after a wrong password, up to the limit, then offers retry / save anyway', async () => {
    const auth: TestOutcome = { ok: false, kind: 'auth', message: 'password authentication failed for user "me"' };
    const f = fakes([auth, ok], ['wrong', 'right']);
    assert.equal((await testBeforeSaving(f.deps, setting)).kind, 'tested');
    assert.deepEqual(f.asked, ['first', 'auth-failed']);
    const g = fakes([auth, auth, auth], ['a', 'b', 'c'], ['save']);
    assert.deepEqual(await testBeforeSaving(g.deps, setting), { kind: 'save-untested' });
  });

  it('retries an unreachable server on request and gives up when the person does', async () => {
    const down: TestOutcome = { ok: false, kind: 'connect', message: 'connect ECONNREFUSED 10.0.0.1:5432' };
    const f = fakes([down, ok], ['pw'], ['retry']);
    assert.equal((await testBeforeSaving(f.deps, setting)).kind, 'tested');
    const g = fakes([down], ['pw'], [undefined]);
    assert.deepEqual(await testBeforeSaving(g.deps, setting), { kind: 'cancelled' });
    const h = fakes([], [undefined]);
    assert.deepEqual(await testBeforeSaving(h.deps, setting), { kind: 'cancelled' });
    assert.equal(h.sent.length, 0, 'nothing is tried without a password answer');
  });
});
