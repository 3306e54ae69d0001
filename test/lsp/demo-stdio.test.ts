// `npm run demo` is one of the README's two commands: the demo script, bundled next to the built
// server exactly as esbuild.mjs lays out dist/server, runs to the end on the embedded sample database
// and shows every section a newcomer reads (schema, completion, hover, diagnostics, formatting, inlay
// hints, ask, run, the firewall's refusal).
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { buildServer, bundle } from '../helpers/lsp-client';

describe('npm run demo', function () {
  this.timeout(180_000);

  it('runs end to end on the sample database and prints every section', async () => {
    const outdir = dirname(await buildServer());
    await bundle('demo', 'server/src/demo.ts', outdir);
    const child = spawn(process.execPath, [join(outdir, 'demo.js')], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
    assert.equal(code, 0, `demo failed:\n${plain}\n${err}`);
    for (const heading of [
      'Schemawise demo: the sample database "acme"',
      'Completion: tables after FROM',
      'Hover: the column',
      'Diagnostics: the real PostgreSQL parser',
      'Formatting (sql-formatter',
      'Inlay hints: the column before each INSERT value',
      'Ask the database (offline provider, no API key)',
      'Run it: read-only transaction',
      'The query firewall refuses writes',
    ])
      assert.ok(plain.includes(heading), `missing "${heading}" in:\n${plain}`);
    assert.match(plain, /\n {2}SELECT\n {4}l\.\w+,\n {4}count\(\*\)\n {2}FROM\n/, 'the messy statement is shown formatted');
    assert.match(plain, /VALUES \(\w+: \$1, \w+: \$2, \w+: \$3\)/, 'INSERT values carry their column names');
    assert.match(plain, /SELECT \* \d+ columns FROM/, 'SELECT * shows its column count');
    assert.match(plain, /\(5 rows in \d+ ms\)/);
    assert.match(plain, /refused \[not-read-only-kind\]/);
  });
});
