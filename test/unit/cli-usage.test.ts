// The CLI's own contract (issue 20): bad arguments exit 64 with one line and a pointer to --help,
// a syntax error is a failure with its position (exit 1), never a firewall refusal (exit 2), and
// --version prints the version.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli';
import { version } from '../../package.json';
import { PG_URL, requirePostgres } from '../helpers/services';


describe('CLI usage contract', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sw-cli-usage-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the version with --version', async () => {
    const r = await cli(['--version']);
    assert.deepEqual([r.code, r.stdout], [0, `schemawise ${version}`]);
  });

  it('answers a usage error with one line and a --help hint, not the whole help', async () => {
    const r = await cli(['run', '--bogus']);
    assert.equal(r.code, 64);
    assert.deepEqual(r.stderr.split('\n'), ['schemawise run: unknown option --bogus', 'Try `schemawise run --help`.']);
    const unknown = await cli(['frobnicate']);
    assert.equal(unknown.code, 64);
    assert.equal(unknown.stderr.split('\n').length, 1);
    assert.match(unknown.stderr, /unknown command "frobnicate"; commands: introspect, run, ask/);
  });

  it('exits 64 for a malformed URL and says when the URL names no database, without the password', async () => {
    const bad = await cli(['run', '--connection', 'postgres://u@host:notaport/db', 'select 1']);
    assert.equal(bad.code, 64);
    assert.match(bad.stderr, /malformed connection URL/);
    const scheme = await cli(['introspect', '--connection', 'oracle://u@h/db']);
    assert.equal(scheme.code, 64);
    assert.match(scheme.stderr, /unsupported connection URL scheme "oracle:"/);
    const noDb = await cli(['run', '--connection', 'postgres://u:s3cret@127.0.0.1:1', 'select 1']);
    assert.equal(noDb.code, 64);
    assert.match(noDb.stderr, /the URL names no database; add it after the host, e\.g\. postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/<database>/);
    assert.doesNotMatch(noDb.stderr, /s3cret/);
  });

  it('reports a syntax error with its line and column and exits 1, not as a refusal', async () => {
    const r = await cli(['run', '--connection', 'postgres://nobody@127.0.0.1:1/none', '--audit-log', join(dir, 'a.log'), 'select 1;\nselec * from sales.products']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /line 2, column 1: Syntax error at or near "selec"/);
    assert.doesNotMatch(r.stderr, /refused/);
  });

  it('prints nothing on stdout for a statement that failed', async function () {
    await requirePostgres(this);
    const r = await cli(['run', '--connection', PG_URL, '--audit-log', join(dir, 'a.log'), 'select * from no_such_table']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no_such_table/);
  });
});
