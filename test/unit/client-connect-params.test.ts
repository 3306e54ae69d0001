import { strict as assert } from 'node:assert';
import { ResponseError } from 'vscode-languageserver-protocol';
import { SchemawiseErrorCodes } from '../../server/src/protocol';
import { classifyConnectError, connectParams } from '../../client/src/connect-params';
import { connectionsFrom } from '../../client/src/settings';

const [pg, my] = connectionsFrom([
  { name: 'local', dialect: 'postgres', host: '127.0.0.1', database: 'test', user: 'postgres', ssl: { mode: 'verify-full', ca: '/ca.pem' }, tags: ['production'] },
  { name: 'maria', dialect: 'mysql', readOnly: false },
]).value;

describe('client connect parameters', () => {
  it('maps a settings entry and its secret onto the server ConnectionConfig', () => {
    assert.deepEqual(connectParams({ kind: 'configured', connection: pg! }, 's3cret'), {
      name: 'local', driver: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', password: 's3cret', readOnly: true, tags: ['production'], ssl: { mode: 'verify-full', ca: '/ca.pem' },
    });
  });

  it('sends no password for a saved empty one, and no absent optional fields', () => {
    assert.deepEqual(connectParams({ kind: 'configured', connection: my! }, ''), { name: 'maria', driver: 'mysql', host: 'localhost', port: 3306, readOnly: false, ssl: { mode: 'disable' } });
  });

  it('asks for the bundled sample database with {sample: true}', () => {
    assert.deepEqual(connectParams({ kind: 'sample' }, 'ignored'), { sample: true });
  });
});

describe('client connect error classification', () => {
  it('re-asks the password when the server says the failure kind is auth', () => {
    const e = new ResponseError(SchemawiseErrorCodes.ConnectFailed, 'could not log in to local', { kind: 'auth' });
    assert.deepEqual(classifyConnectError(e), { kind: 'auth', message: 'could not log in to local' });
  });

  it('recognises authentication failures from driver messages when the server sends no kind', () => {
    for (const m of ['password authentication failed for user "app"', "Access denied for user 'root'@'localhost' (using password: YES)", "Login failed for user 'sa'."]) {
      assert.equal(classifyConnectError(new ResponseError(SchemawiseErrorCodes.ConnectFailed, m)).kind, 'auth', m);
    }
  });

  it('treats other connect failures as connect errors, even when the message mentions a password', () => {
    assert.deepEqual(classifyConnectError(new ResponseError(SchemawiseErrorCodes.ConnectFailed, 'connect ECONNREFUSED 127.0.0.1:1')), { kind: 'connect', message: 'connect ECONNREFUSED 127.0.0.1:1' });
    const unreachable = new ResponseError(SchemawiseErrorCodes.ConnectFailed, 'host unreachable; password authentication failed earlier', { kind: 'unreachable' });
    assert.equal(classifyConnectError(unreachable).kind, 'connect');
  });

  it('reports anything else (invalid params, crashes) as other', () => {
    assert.equal(classifyConnectError(new ResponseError(SchemawiseErrorCodes.InvalidParams, 'bad port')).kind, 'other');
    assert.deepEqual(classifyConnectError('boom'), { kind: 'other', message: 'boom' });
  });
});
