import { strict as assert } from 'node:assert';
import type { ConnectParams } from '../../server/src/protocol';
import { connectWithPassword, MAX_AUTH_ATTEMPTS, type ConnectOutcome, type PasswordPrompt, type PasswordSource } from '../../client/src/connect-flow';
import { connectionsFrom, passwordKey, type ConnectionSetting } from '../../client/src/settings';

const [local] = connectionsFrom([{ name: 'local', dialect: 'postgres', host: '127.0.0.1', user: 'app', database: 'shop' }]).value;
const target = { kind: 'configured' as const, connection: local! };

/** SecretStorage + input box stand-in: answers are consumed in order, undefined = cancelled. */
class FakePasswords implements PasswordSource {
  readonly saved = new Map<string, string>();
  readonly prompts: PasswordPrompt[] = [];
  constructor(private readonly answers: (string | undefined)[] = []) {}
  async get(c: ConnectionSetting) {
    return this.saved.get(passwordKey(c));
  }
  async ask(_c: ConnectionSetting, why: PasswordPrompt) {
    this.prompts.push(why);
    return this.answers.shift();
  }
  async store(c: ConnectionSetting, p: string) {
    this.saved.set(passwordKey(c), p);
  }
  async forget(c: ConnectionSetting) {
    return this.saved.delete(passwordKey(c));
  }
}

/** A server whose only valid password is `right`; records what it was sent. */
function server(right: string | undefined) {
  const sent: ConnectParams[] = [];
  const send = async (p: ConnectParams): Promise<ConnectOutcome<string>> => {
    sent.push(p);
    const given = 'password' in p ? p.password : undefined;
    return given === right ? { ok: true, status: 'ok' } : { ok: false, kind: 'auth', message: 'password authentication failed for user "app"' };
  };
  return { sent, send };
}

describe('client connect flow (passwords)', () => {
  it('asks on first connect and saves the password only once the server accepted it', async () => {
    const passwords = new FakePasswords(['pw']);
    const srv = server('pw');
    const r = await connectWithPassword({ passwords, send: srv.send, current: () => true }, target, true);
    assert.deepEqual(r, { kind: 'connected', status: 'ok' });
    assert.deepEqual(passwords.prompts, ['first']);
    assert.equal(passwords.saved.get(passwordKey(local!)), 'pw');
  });

  it('uses the saved password without asking', async () => {
    const passwords = new FakePasswords();
    await passwords.store(local!, 'pw');
    const srv = server('pw');
    assert.equal((await connectWithPassword({ passwords, send: srv.send, current: () => true }, target, true)).kind, 'connected');
    assert.deepEqual(passwords.prompts, []);
    assert.equal(srv.sent.length, 1);
  });

  it('re-asks after an auth failure and replaces the saved password with the one that worked', async () => {
    const passwords = new FakePasswords(['new']);
    await passwords.store(local!, 'old');
    const srv = server('new');
    const r = await connectWithPassword({ passwords, send: srv.send, current: () => true }, target, true);
    assert.equal(r.kind, 'connected');
    assert.deepEqual(passwords.prompts, ['auth-failed']);
    assert.deepEqual(srv.sent.map((p) => ('password' in p ? p.password : undefined)), ['old', 'new']);
    assert.equal(passwords.saved.get(passwordKey(local!)), 'new');
  });

  it(`gives up after ${MAX_AUTH_ATTEMPTS} wrong passwords and forgets the saved one`, async () => {
    const passwords = new FakePasswords(['a', 'b', 'c', 'd']);
    await passwords.store(local!, 'old');
    const srv = server('right');
    const r = await connectWithPassword({ passwords, send: srv.send, current: () => true }, target, true);
    assert.equal(r.kind, 'failed');
    assert.equal(srv.sent.length, MAX_AUTH_ATTEMPTS);
    assert.equal(passwords.saved.has(passwordKey(local!)), false);
  });

  it('forgets a wrong saved password when the re-ask is cancelled', async () => {
    const passwords = new FakePasswords([undefined]);
    await passwords.store(local!, 'old');
    const r = await connectWithPassword({ passwords, send: server('right').send, current: () => true }, target, true);
    assert.deepEqual(r, { kind: 'failed', failure: { kind: 'auth', message: 'password authentication failed for user "app"' } });
    assert.equal(passwords.saved.size, 0);
  });

  it('never prompts when not interactive (startup reconnect)', async () => {
    const passwords = new FakePasswords(['pw']);
    const srv = server('pw');
    const r = await connectWithPassword({ passwords, send: srv.send, current: () => true }, target, false);
    assert.equal(r.kind, 'cancelled');
    assert.deepEqual(passwords.prompts, []);
    assert.equal(srv.sent.length, 0);
  });

  it('keeps an empty saved password as "no password" and sends none', async () => {
    const passwords = new FakePasswords(['']);
    const srv = server(undefined);
    assert.equal((await connectWithPassword({ passwords, send: srv.send, current: () => true }, target, true)).kind, 'connected');
    assert.equal('password' in srv.sent[0]!, false);
    assert.equal(passwords.saved.get(passwordKey(local!)), '');
  });

  it('does not re-ask for connect failures other than auth', async () => {
    const passwords = new FakePasswords(['pw', 'again']);
    const send = async (): Promise<ConnectOutcome<string>> => ({ ok: false, kind: 'connect', message: 'connect ECONNREFUSED 127.0.0.1:5432' });
    const r = await connectWithPassword({ passwords, send, current: () => true }, target, true);
    assert.equal(r.kind, 'failed');
    assert.deepEqual(passwords.prompts, ['first']);
    assert.equal(passwords.saved.size, 0, 'an untested password is not saved');
  });

  it('stops without saving when a newer connect superseded it', async () => {
    const passwords = new FakePasswords(['pw']);
    let current = true;
    const send = async (): Promise<ConnectOutcome<string>> => {
      current = false;
      return { ok: true, status: 'ok' };
    };
    assert.deepEqual(await connectWithPassword({ passwords, send, current: () => current }, target, true), { kind: 'superseded' });
    assert.equal(passwords.saved.size, 0);
  });

  it('connects to the sample without any password', async () => {
    const passwords = new FakePasswords();
    const srv = server(undefined);
    assert.equal((await connectWithPassword({ passwords, send: srv.send, current: () => true }, { kind: 'sample' }, true)).kind, 'connected');
    assert.deepEqual(srv.sent, [{ sample: true }]);
    assert.deepEqual(passwords.prompts, []);
  });
});
