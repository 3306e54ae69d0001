// `schemawise check` in process, offline against a snapshot: exact `file:line:col` findings in .sql
// files and TS/JS templates, every output format, exit codes, globs and bad arguments.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../server/src/cli';
import { serializeSnapshot } from '../../server/src/engine/schema/snapshot';
import { chinook } from '../helpers/fixtures';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

const TS = [
  "import { sql } from './db';", // 1
  '',
  'export const albums = (artistId: number) => sql<{ title: string }>`', // 3
  '  SELECT title, ${"literal"} AS x, titel', // 4: unknown column at col 36
  '  FROM album', // 5
  '  WHERE artist_id = ${artistId}`;', // 6
  'export const wipe = () => db.sql`DELETE FROM track`;', // 7: warning on "track" at col 46
  'export const frag = sql`AND milliseconds > ${1000}`;', // 8: fragment
].join('\n');

const TSX = ["const el = <p>Don't `quote` me</p>;", 'const q = /* sql */ `SELECT name FROM artist WHERE nam = 1`;'].join('\n');

const SQL = 'SELECT name FROM artist;\nSELECT * FROM album WHERE title = NULL;\n';

describe('schemawise check', function () {
  this.timeout(30_000);
  const cwd = process.cwd();
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sw-check-'));
    mkdirSync(join(dir, 'src/ui'), { recursive: true });
    mkdirSync(join(dir, 'sql'));
    mkdirSync(join(dir, 'node_modules/lib'), { recursive: true });
    writeFileSync(join(dir, 'chinook.json'), serializeSnapshot(chinook()));
    writeFileSync(join(dir, 'src/albums.ts'), TS);
    writeFileSync(join(dir, 'src/ui/page.tsx'), TSX);
    writeFileSync(join(dir, 'src/clean.mjs'), 'export const q = (db, id) => db.sql`SELECT title FROM album WHERE album_id = ${id}`;\n');
    writeFileSync(join(dir, 'sql/report.sql'), SQL);
    writeFileSync(join(dir, 'node_modules/lib/index.js'), 'sql`SELECT nope FROM nowhere`;');
    process.chdir(dir);
  });
  after(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints file:line:col: severity rule message at exact source positions and exits 1 on an error', async () => {
    const { code, out, err } = await cli('check', 'src', 'sql/report.sql', '--schema', 'chinook.json');
    assert.equal(code, 1);
    assert.deepEqual(out.trim().split('\n'), [
      'sql/report.sql:2:33: warning null-comparison `= NULL` is never true (it yields NULL); use IS NULL.',
      'src/albums.ts:4:36: error unknown-column Column "titel" does not exist. Did you mean "title"?',
      'src/albums.ts:7:46: warning delete-without-where DELETE without WHERE removes every row of "track".',
      'src/ui/page.tsx:2:52: error unknown-column Column "nam" does not exist. Did you mean "name"?',
    ]);
    assert.match(err, /4 files, 6 queries checked \(1 fragment not checked\): 2 errors, 2 warnings, 0 infos/);
  });

  it('counts lines and columns the same in CRLF files and after characters outside the BMP', async () => {
    writeFileSync(join(dir, 'crlf.ts'), "// 🎵 tracks\r\nconst q = sql`\r\n  SELECT 'é🎵', nme FROM artist`;\r\n");
    const { out } = await cli('check', 'crlf.ts', '--schema', 'chinook.json');
    // Column in UTF-16 code units, as editors and SARIF count: '🎵' is two.
    assert.equal(out.trim(), `crlf.ts:3:${"  SELECT 'é🎵', ".length + 1}: error unknown-column Column "nme" does not exist. Did you mean "name"?`);
  });

  it('exits 0 when only warnings remain, expands globs, and never walks node_modules', async () => {
    const clean = await cli('check', 'src/**/*.mjs', '--schema', 'chinook.json');
    assert.equal(clean.code, 0, clean.err);
    assert.equal(clean.out, '');
    assert.match(clean.err, /1 file, 1 query checked: 0 errors/);
    const warnings = await cli('check', '**/*.sql', '--schema', 'chinook.json');
    assert.equal(warnings.code, 0);
    assert.match(warnings.out, /null-comparison/);
    const all = await cli('check', '.', '--schema', 'chinook.json', '--format', 'json');
    assert.ok(!all.out.includes('node_modules'), 'node_modules is not checked');
  });

  it('--rule changes severities: a warning can fail the build, an error can be silenced', async () => {
    const strict = await cli('check', 'sql', '--schema', 'chinook.json', '--rule', 'null-comparison=error');
    assert.equal(strict.code, 1);
    assert.match(strict.out, /sql\/report.sql:2:33: error null-comparison/);
    const lax = await cli('check', 'src/albums.ts', '--schema', 'chinook.json', '--rule', 'unknown-column=off,delete-without-where=off');
    assert.equal(lax.code, 0);
    assert.equal(lax.out, '');
  });

  it('--format json lists findings with ranges and counts', async () => {
    const { code, out } = await cli('check', 'src/albums.ts', '--schema', 'chinook.json', '--format', 'json');
    assert.equal(code, 1);
    const report = JSON.parse(out) as { files: number; queries: number; fragments: number; findings: Record<string, unknown>[] };
    assert.deepEqual([report.files, report.queries, report.fragments], [1, 2, 1]);
    assert.deepEqual(report.findings[0], { file: 'src/albums.ts', line: 4, column: 36, endLine: 4, endColumn: 41, severity: 'error', rule: 'unknown-column', message: 'Column "titel" does not exist. Did you mean "title"?' });
  });

  it('--format github prints one workflow annotation per finding', async () => {
    const { out } = await cli('check', 'src/albums.ts', '--schema', 'chinook.json', '--format', 'github');
    assert.deepEqual(out.trim().split('\n'), [
      '::error file=src/albums.ts,line=4,col=36,endLine=4,endColumn=41,title=schemawise unknown-column::Column "titel" does not exist. Did you mean "title"?',
      '::warning file=src/albums.ts,line=7,col=46,endLine=7,endColumn=51,title=schemawise delete-without-where::DELETE without WHERE removes every row of "track".',
    ]);
  });

  it('--format sarif writes SARIF 2.1.0 with rules, levels and 1-based regions', async () => {
    const { code, out } = await cli('check', 'src', 'sql', '--schema', 'chinook.json', '--format', 'sarif');
    assert.equal(code, 1);
    const sarif = JSON.parse(out) as {
      version: string;
      $schema: string;
      runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[] }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const run = sarif.runs[0]!;
    assert.equal(run.tool.driver.name, 'schemawise');
    assert.equal(run.results.length, 4);
    const r = run.results.find((x) => x.ruleId === 'unknown-column')!;
    assert.equal(run.tool.driver.rules[r.ruleIndex]!.id, 'unknown-column');
    assert.equal(r.level, 'error');
    assert.deepEqual(r.locations[0]!.physicalLocation.artifactLocation, { uri: 'src/albums.ts', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(r.locations[0]!.physicalLocation.region, { startLine: 4, startColumn: 36, endLine: 4, endColumn: 41 });
    assert.equal(run.results.find((x) => x.ruleId === 'null-comparison')!.level, 'warning');
  });

  it('refuses bad arguments with exit 64 and a glob that matches nothing with exit 1', async () => {
    assert.equal((await cli('check', 'src')).code, 64, 'no schema');
    assert.equal((await cli('check', '--schema', 'chinook.json')).code, 64, 'no files');
    assert.equal((await cli('check', 'src', '--schema', 'chinook.json', '--format', 'xml')).code, 64);
    assert.equal((await cli('check', 'src', '--schema', 'chinook.json', '--rule', 'no-such-rule=off')).code, 64);
    assert.equal((await cli('check', 'src', '--schema', 'chinook.json', '--tag', 'a(b')).code, 64);
    assert.equal((await cli('check', 'src', '--schema', 'chinook.json', '--connection', 'postgres://u@h/db')).code, 64);
    const none = await cli('check', 'lib/**/*.ts', '--schema', 'chinook.json');
    assert.equal(none.code, 1);
    assert.match(none.err, /no \.sql or TS\/JS file matches "lib\/\*\*\/\*\.ts"/);
    const badSnapshot = await cli('check', 'src', '--schema', 'src/albums.ts');
    assert.equal(badSnapshot.code, 1);
    assert.match(badSnapshot.err, /not valid JSON/);
  });

  it('never prints the password of an unreachable database', async () => {
    const { code, out, err } = await cli('check', 'src', '--connection', 'postgres://user:sw-secret-pw@127.0.0.1:1/db');
    assert.equal(code, 1);
    assert.ok(!(out + err).includes('sw-secret-pw'), err);
  });
});
