import { strict as assert } from 'node:assert';
import { redactSecrets } from '../../client/src/redact';

describe('client log redaction', () => {
  it('masks the password in a traced schemawise/connect request', () => {
    const trace = `Sending request 'schemawise/connect - (3)'.\nParams: ${JSON.stringify({ name: 'local', password: 'p"a\\ss:w@rd', host: 'db' }, null, 4)}`;
    const out = redactSecrets(trace);
    assert.doesNotMatch(out, /p\\"a|ss:w@rd/);
    assert.match(out, /"password": "\*\*\*"/);
    assert.match(out, /"host": "db"/);
  });

  it('masks credentials in URLs and key=value connection strings', () => {
    assert.equal(redactSecrets('postgres://app:s3cret@db:5432/shop'), 'postgres://app:***@db:5432/shop');
    assert.equal(redactSecrets('Server=db;User Id=sa;Password=Xy!9;Database=x'), 'Server=db;User Id=sa;Password=***;Database=x');
    assert.equal(redactSecrets('apiKey: sk-123'), 'apiKey: ***');
  });

  it('leaves ordinary text alone', () => {
    const text = 'connected to postgres://app@db:5432/shop as read-only; password prompt cancelled';
    assert.equal(redactSecrets(text), text);
  });
});
