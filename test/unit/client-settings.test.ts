import { strict as assert } from 'node:assert';
import { activeConnectionFrom, connectionsFrom, isProduction, passwordKey, portFrom, traceServerFrom } from '../../client/src/settings';

describe('client settings coercion', () => {
  it('fills defaults for a minimal connection: default port per dialect, localhost, ssl disabled, read-only', () => {
    const { value, warnings } = connectionsFrom([{ name: 'pg', dialect: 'postgres' }, { name: 'my', dialect: 'mysql' }, { name: 'ms', dialect: 'mssql' }]);
    assert.deepEqual(warnings, []);
    assert.deepEqual(value[0], { name: 'pg', dialect: 'postgres', host: 'localhost', port: 5432, ssl: { mode: 'disable' }, readOnly: true, tags: [] });
    assert.deepEqual(value.map((c) => c.port), [5432, 3306, 1433]);
  });

  it('keeps every valid field as written', () => {
    const { value, warnings } = connectionsFrom([
      { name: 'prod', dialect: 'postgres', host: 'db.example.com', port: 6432, database: 'shop', user: 'app', ssl: { mode: 'verify-full', ca: '/etc/ca.pem' }, readOnly: false, tags: ['production', 'eu'] },
    ]);
    assert.deepEqual(warnings, []);
    assert.deepEqual(value[0], { name: 'prod', dialect: 'postgres', host: 'db.example.com', port: 6432, database: 'shop', user: 'app', ssl: { mode: 'verify-full', ca: '/etc/ca.pem' }, readOnly: false, tags: ['production', 'eu'] });
  });

  it('drops entries without a usable name or dialect and says why', () => {
    const { value, warnings } = connectionsFrom([42, { dialect: 'postgres' }, { name: '  ', dialect: 'postgres' }, { name: 'ora', dialect: 'oracle' }, { name: 'ok', dialect: 'mysql' }]);
    assert.deepEqual(value.map((c) => c.name), ['ok']);
    assert.equal(warnings.length, 4);
    assert.match(warnings[0]!, /connections\[0\] is not an object/);
    assert.match(warnings[1]!, /connections\[1\] has no name/);
    assert.match(warnings[3]!, /"ora": dialect must be one of postgres, mysql, mssql/);
  });

  it('replaces a bad port with the dialect default and accepts numeric strings', () => {
    const { value, warnings } = connectionsFrom([{ name: 'a', dialect: 'mysql', port: 70000 }, { name: 'b', dialect: 'postgres', port: '5433' }, { name: 'c', dialect: 'mssql', port: 14.5 }]);
    assert.deepEqual(value.map((c) => c.port), [3306, 5433, 1433]);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /"a": port must be an integer from 1 to 65535; using 3306/);
  });

  it('treats any readOnly other than false as read-only (fails safe)', () => {
    const { value, warnings } = connectionsFrom([{ name: 'a', dialect: 'postgres', readOnly: 'false' }, { name: 'b', dialect: 'postgres', readOnly: 0 }, { name: 'c', dialect: 'postgres', readOnly: false }]);
    assert.deepEqual(value.map((c) => c.readOnly), [true, true, false]);
    assert.equal(warnings.length, 2);
  });

  it('turns an unknown ssl mode into verify-full so a typo never disables certificate checks', () => {
    const { value, warnings } = connectionsFrom([{ name: 'a', dialect: 'postgres', ssl: { mode: 'verify_full' } }, { name: 'b', dialect: 'postgres', ssl: 'require' }]);
    assert.deepEqual(value.map((c) => c.ssl), [{ mode: 'verify-full' }, { mode: 'verify-full' }]);
    assert.equal(warnings.length, 2);
  });

  it('ignores a password in settings and never echoes its value', () => {
    const { value, warnings } = connectionsFrom([{ name: 'a', dialect: 'postgres', password: 'hunter2' }]);
    assert.equal('password' in value[0]!, false);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /passwords in settings are ignored/);
    assert.doesNotMatch(warnings.join('\n'), /hunter2/);
  });

  it('keeps the first of two connections with the same name', () => {
    const { value, warnings } = connectionsFrom([{ name: 'x', dialect: 'postgres' }, { name: 'x', dialect: 'mysql' }]);
    assert.deepEqual(value.map((c) => c.dialect), ['postgres']);
    assert.match(warnings[0]!, /"x" is defined more than once/);
  });

  it('filters tags that are not strings and ignores a non-array', () => {
    const a = connectionsFrom([{ name: 'a', dialect: 'postgres', tags: ['prod', 3, '', null] }]);
    assert.deepEqual(a.value[0]!.tags, ['prod']);
    const b = connectionsFrom([{ name: 'b', dialect: 'postgres', tags: 'production' }]);
    assert.deepEqual(b.value[0]!.tags, []);
    assert.equal(isProduction(b.value[0]!), false);
    assert.equal(isProduction({ tags: ['eu', 'Production'] }), true);
  });

  it('reads a non-array connections value as no connections', () => {
    assert.deepEqual(connectionsFrom({ name: 'a' }), { value: [], warnings: ['schemawise.connections must be an array; ignoring it.'] });
    assert.deepEqual(connectionsFrom(undefined), { value: [], warnings: [] });
  });

  it('coerces the scalar settings', () => {
    assert.equal(activeConnectionFrom(' local '), 'local');
    assert.equal(activeConnectionFrom(''), undefined);
    assert.equal(activeConnectionFrom(7), undefined);
    assert.equal(traceServerFrom('verbose'), 'verbose');
    assert.equal(traceServerFrom('loud'), 'off');
    assert.equal(portFrom('65535'), 65535);
    assert.equal(portFrom('0'), undefined);
    assert.equal(portFrom('12a'), undefined);
  });
});

describe('client password key', () => {
  it('binds a saved password to the connection name and where it is sent', () => {
    const [a, sameName, otherHost] = connectionsFrom([
      { name: 'prod', dialect: 'postgres', host: 'db.internal', user: 'app' },
      { name: 'prod2', dialect: 'postgres', host: 'db.internal', user: 'app' },
      { name: 'prod3', dialect: 'postgres', host: 'evil.example', user: 'app' },
    ]).value;
    assert.equal(passwordKey(a!), 'schemawise.password:prod:postgres://app@db.internal:5432');
    assert.equal(passwordKey({ ...a!, host: 'DB.internal' }), passwordKey(a!));
    assert.notEqual(passwordKey({ ...otherHost!, name: 'prod' }), passwordKey(a!));
    assert.notEqual(passwordKey({ ...a!, port: 5433 }), passwordKey(a!));
    assert.notEqual(passwordKey(sameName!), passwordKey(a!));
  });
});
