// `schemawise run` without a database: refusals exit 2 with the reason on stderr before any
// connection is attempted (the URL below points at a closed port), and bad arguments exit 64.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli';

const NOWHERE = 'postgres://nobody@127.0.0.1:1/none';


describe('safety: schemawise run (no database needed)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sw-safe-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 with the statement and the rule on stderr when the firewall refuses, without connecting', async () => {
    const log = join(dir, 'audit.log');
    const r = await cli(['run', '--connection', NOWHERE, '--audit-log', log, 'select 1; with d as (delete from t returning *) select * from d']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /statement 2 \(with d as \(delete from t returning \*\) select \* from d\): refused \[hidden-write\]: DELETE inside WITH writes data/);
    const entry = JSON.parse(readFileSync(log, 'utf8').trim());
    assert.equal(entry.outcome, 'refused');
    assert.equal(entry.connection, 'nobody@127.0.0.1/none');
  });

  it('reads the SQL from -f file and checks every statement in it', async () => {
    const file = join(dir, 'q.sql');
    writeFileSync(file, "select 1;\nselect pg_read_file('/etc/passwd');\n");
    const r = await cli(['run', '--connection', NOWHERE, '--audit-log', join(dir, 'a.log'), '-f', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /statement 2 .*\[side-effect-function\]: calls pg_read_file\(\), which reads a file on the database server/);
  });

  it('takes SQL that starts with a comment as the SQL, not as an unknown option', async () => {
    const r = await cli(['run', '--connection', NOWHERE, '--audit-log', join(dir, 'a.log'), '-- clean up\nselect 1; delete from t']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /statement 2 \(delete from t\): refused \[not-read-only-kind\]/);
    const bad = await cli(['run', '--connection', NOWHERE, '--bogus', 'select 1']);
    assert.deepEqual([bad.code, bad.stderr.split('\n')[0]], [64, 'schemawise run: unknown option --bogus']);
  });

  it('treats MySQL URLs with the MySQL rules (executable comments are refused)', async () => {
    const r = await cli(['run', '--connection', 'mysql://nobody@127.0.0.1:1/none', '--audit-log', join(dir, 'a.log'), 'select 1 /*!50000 , sleep(10) */']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\[executable-comment\]/);
  });

  it('exits 64 on bad arguments with a clear message', async () => {
    for (const [args, message] of [
      [['run', '--connection', NOWHERE], /no SQL given/],
      [['run', '--connection', NOWHERE, '--format', 'xml', 'select 1'], /--format must be one of table, json, csv/],
      [['run', '--connection', NOWHERE, '--max-rows', '0', 'select 1'], /--max-rows must be a positive whole number/],
      [['run', '--connection', NOWHERE, '--yes', 'select 1'], /--yes only applies with --write/],
      [['run', '--connection', NOWHERE, '-f', join(dir, 'missing.sql')], /cannot read .*missing\.sql: ENOENT/],
      [['run', 'select 1'], /a database is needed/],
    ] as const) {
      const r = await cli([...args]);
      assert.equal(r.code, 64, r.stderr);
      assert.match(r.stderr, message);
    }
  });

  it('documents read-only by default and the write flags in its help', async () => {
    const r = await cli(['run', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--write +lift read-only mode \(writes need a driver that supports them\)/);
    assert.match(r.stdout, /--audit-log <path>/);
  });
});
