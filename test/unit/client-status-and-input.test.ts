import { strict as assert } from 'node:assert';
import { appendConnection, connectionEntry, connectionPickLabel, validateConnectionName, validatePort } from '../../client/src/connection-input';
import { connectionsFrom } from '../../client/src/settings';
import { statusView } from '../../client/src/status-text';

const conn = (over: Partial<{ name: string; readOnly: boolean; tags: string[] }> = {}) => ({ name: 'local', dialect: 'postgres' as const, readOnly: true, tags: [], ...over });

describe('client status bar text', () => {
  it('shows name, dialect and read-only for a connected read-only connection', () => {
    const v = statusView({ phase: 'connected', connection: conn(), serverRunning: true });
    assert.equal(v.text, '$(lock) local · postgres · read-only');
    assert.equal(v.alarm, false);
  });

  it('marks a writable connection and paints a production one with the error background', () => {
    assert.equal(statusView({ phase: 'connected', connection: conn({ readOnly: false }), serverRunning: true }).text, '$(unlock) local · postgres · writable');
    const prod = statusView({ phase: 'connected', connection: conn({ tags: ['production'] }), serverRunning: true });
    assert.equal(prod.alarm, true);
    assert.match(prod.tooltip, /PRODUCTION/);
    assert.equal(statusView({ phase: 'disconnected', connection: conn({ tags: ['PRODUCTION'] }), serverRunning: true }).alarm, true);
  });

  it('shows a configured but not yet connected connection as neutral, with connecting as its action', () => {
    const v = statusView({ phase: 'disconnected', connection: conn(), serverRunning: true });
    assert.equal(v.text, '$(plug) local');
    assert.match(v.tooltip, /is not connected\. Click to connect\./);
    assert.deepEqual([v.alarm, v.warn ?? false], [false, false]);
  });

  it('invites to connect when nothing is active and reports a stopped server', () => {
    assert.equal(statusView({ phase: 'disconnected', serverRunning: true }).text, '$(database) Schemawise');
    assert.match(statusView({ phase: 'connected', connection: conn(), serverRunning: false }).tooltip, /not running/);
  });

  it('shows the failure reason as a warning (red is for production only) and a spinner while connecting', () => {
    const failed = statusView({ phase: 'failed', connection: conn(), serverRunning: true, error: 'database "x" does not exist' });
    assert.equal(failed.text, '$(warning) local');
    assert.match(failed.tooltip, /database "x" does not exist/);
    assert.deepEqual([failed.alarm, failed.warn], [false, true]);
    const prodFailed = statusView({ phase: 'failed', connection: conn({ tags: ['production'] }), serverRunning: true });
    assert.deepEqual([prodFailed.alarm, prodFailed.warn], [true, false]);
    assert.equal(statusView({ phase: 'connecting', connection: conn(), serverRunning: true }).text, '$(sync~spin) local');
  });
});

describe('client Add Connection input', () => {
  it('rejects empty and duplicate names and bad ports', () => {
    assert.match(validateConnectionName('  ', []) ?? '', /Enter a name/);
    assert.match(validateConnectionName('local', ['local']) ?? '', /already exists/);
    assert.equal(validateConnectionName('new', ['local']), undefined);
    assert.equal(validatePort(''), undefined);
    assert.equal(validatePort('5432'), undefined);
    assert.match(validatePort('99999') ?? '', /1 to 65535/);
  });

  it('writes an entry without a password that reads back as the same connection', () => {
    const entry = connectionEntry({ name: ' shop ', dialect: 'mysql', host: '', port: '', database: 'shop', user: 'root', sslMode: 'require', readOnly: true });
    assert.deepEqual(entry, { name: 'shop', dialect: 'mysql', host: 'localhost', port: 3306, database: 'shop', user: 'root', ssl: { mode: 'require' }, readOnly: true });
    const merged = appendConnection([{ name: 'old', dialect: 'postgres' }], entry);
    const { value, warnings } = connectionsFrom(merged);
    assert.deepEqual(warnings, []);
    assert.deepEqual(value.map((c) => c.name), ['old', 'shop']);
    assert.equal(value[1]!.ssl.mode, 'require');
    assert.deepEqual(appendConnection('garbage', entry), [entry]);
  });

  it('labels quick-pick entries with dialect, access, tags and address', () => {
    const [c] = connectionsFrom([{ name: 'prod', dialect: 'postgres', host: 'db', database: 'shop', user: 'app', tags: ['production'] }]).value;
    assert.deepEqual(connectionPickLabel(c!), { label: 'prod', description: 'postgres · read-only · production', detail: 'app@db:5432/shop' });
  });
});
