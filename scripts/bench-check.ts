// `schemawise check` benchmark: a generated repository of 1,000 files (900 TS/TSX/JS files with SQL
// templates, 100 .sql files) holding 5,000 queries against a 200-table snapshot, checked offline.
// Measured: the engine in process (scan + diagnostics of every file) and the built CLI end to end
// (`node dist/server/cli.js check <repo> --schema … --format json`, process start included).
// Prints a table; exits 1 when a target is missed or the findings are not the ones planted.
//   npm run bench:check [-- --files 1000 --queries-per-file 5]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiagnosticsEngine } from '../server/src/engine/diagnostics';
import { checkFiles, expandInputs, findSqlTemplates, hostKindOfPath } from '../server/src/engine/embedded';
import { emptyModel, type SchemaModel, type TableInfo } from '../server/src/engine/schema/model';
import { SchemaIndex } from '../server/src/engine/schema/schema-index';
import { serializeSnapshot } from '../server/src/engine/schema/snapshot';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FILES = arg('files', 1000);
const PER_FILE = arg('queries-per-file', 5);
const TABLES = 200;
const TARGET_MS = { engine: 10_000, cli: 15_000 };

function schema(): SchemaModel {
  const m = emptyModel('postgres', 'bench', ['public']);
  for (let t = 0; t < TABLES; t++) {
    const table: TableInfo = {
      schema: 'public',
      name: `t${t}`,
      kind: 'table',
      columns: Array.from({ length: 12 }, (_, c) => ({ name: c === 0 ? 'id' : `c${c}`, ordinal: c + 1, dataType: c % 3 === 0 ? 'integer' : c % 3 === 1 ? 'text' : 'timestamp with time zone', nullable: c !== 0 })),
      primaryKey: { name: `t${t}_pkey`, columns: ['id'] },
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes: [],
    };
    m.tables.push(table);
  }
  return m;
}

/** One query of a kind, with placeholders; every 50th has a planted unknown column ("nope"). */
function query(i: number, placeholder: (expr: string) => string): { sql: string; planted: boolean } {
  const t = i % TABLES;
  const u = (i * 7) % TABLES;
  const planted = i % 50 === 49;
  const col = planted ? 'nope' : `c${(i % 11) + 1}`;
  switch (i % 5) {
    case 0:
      return { sql: `SELECT id, ${col}, c2 FROM t${t} WHERE id = ${placeholder('id')} AND c1 = ${placeholder('name')}`, planted };
    case 1:
      return { sql: `SELECT a.id, b.${col}\n    FROM t${t} a\n    JOIN t${u} b ON b.id = a.c3\n    WHERE a.c4 > ${placeholder('since')}\n    ORDER BY a.id\n    LIMIT ${placeholder('limit')}`, planted };
    case 2:
      return { sql: `INSERT INTO t${t} (c1, c2, ${col}) VALUES (${placeholder('a')}, ${placeholder('b')}, ${placeholder('c')})`, planted };
    case 3:
      return { sql: `UPDATE t${t} SET ${col} = ${placeholder('v')} WHERE id = ${placeholder('id')}`, planted };
    default:
      return { sql: `WITH recent AS (SELECT id, ${col} FROM t${t} WHERE c2 > now() - interval '7 days')\n    SELECT count(*) FROM recent WHERE ${col} IS NOT NULL`, planted };
  }
}

function generate(root: string): { queries: number; planted: number } {
  let n = 0;
  let planted = 0;
  for (let f = 0; f < FILES; f++) {
    const sqlFile = f % 10 === 9;
    const ext = sqlFile ? 'sql' : ['ts', 'ts', 'tsx', 'js', 'mjs'][f % 5]!;
    const dir = join(root, `src/module${f % 40}`);
    mkdirSync(dir, { recursive: true });
    const parts: string[] = [];
    if (!sqlFile) parts.push("import { sql } from '../db';", '', `export function handler${f}(db, id, name, since, limit, a, b, c, v) {`);
    for (let q = 0; q < PER_FILE; q++) {
      let param = 0;
      const { sql, planted: p } = query(n++, sqlFile ? () => `$${++param}` : (e) => `\${${e}}`);
      if (p) planted++;
      if (sqlFile) parts.push(`${sql.replace(/\n {4}/g, '\n')};`, '');
      else parts.push(`  const q${q} = await ${q % 2 ? 'db.sql' : 'sql'}\`\n    ${sql}\`;`, ext === 'tsx' ? `  const el${q} = <p>Don't \`quote\` {q${q}.length}</p>;` : `  log(\`ran \${q${q}.length}\`, /\`x\`/g);`);
    }
    if (!sqlFile) parts.push('}');
    writeFileSync(join(dir, `file${f}.${ext}`), parts.join('\n') + '\n');
  }
  return { queries: n, planted };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'sw-bench-check-'));
  try {
    const model = schema();
    const snapshot = join(root, 'schema.json');
    writeFileSync(snapshot, serializeSnapshot(model));
    const { queries, planted } = generate(join(root, 'repo'));

    let t = performance.now();
    const { files } = await expandInputs(['repo'], root);
    const expandMs = performance.now() - t;

    // In process, cold: the engine as the CLI runs it (TypeScript and the PostgreSQL parser load included).
    t = performance.now();
    const engine = await DiagnosticsEngine.create();
    const report = await checkFiles(engine, files, { cwd: root, schema: new SchemaIndex(model) });
    const engineMs = performance.now() - t;

    // Breakdown, warm: finding the templates alone (TypeScript parser), then a second full check.
    const { readFileSync } = await import('node:fs');
    const texts = files.map((f) => [f, readFileSync(join(root, f), 'utf8')] as const);
    t = performance.now();
    let templates = 0;
    let hosts = 0;
    for (const [f, text] of texts) {
      const kind = hostKindOfPath(f);
      if (!kind) continue;
      hosts++;
      templates += findSqlTemplates(text, { kind }).length;
    }
    const scanMs = performance.now() - t;
    t = performance.now();
    await checkFiles(engine, files, { cwd: root, schema: new SchemaIndex(model) });
    const warmMs = performance.now() - t;
    const unknown = report.findings.filter((f) => f.rule === 'unknown-column').length;

    const cliJs = join(__dirname, '../dist/server/cli.js');
    let cliMs: number | undefined;
    let cliFindings: number | undefined;
    if (existsSync(cliJs)) {
      t = performance.now();
      const run = spawnSync(process.execPath, [cliJs, 'check', 'repo', '--schema', snapshot, '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      cliMs = performance.now() - t;
      cliFindings = (JSON.parse(run.stdout) as { findings: unknown[] }).findings.length;
    }

    const rows: [string, string, string][] = [
      ['files', String(files.length), `${FILES} generated`],
      ['queries checked', String(report.queries), `${queries} generated (${templates} templates found by the scanner)`],
      ['unknown-column findings', String(unknown), `${planted} planted`],
      ['expand inputs (walk)', `${expandMs.toFixed(0)} ms`, ''],
      ['engine, cold: scan + diagnostics (in process)', `${engineMs.toFixed(0)} ms`, `${(report.queries / (engineMs / 1000)).toFixed(0)} queries/s; target < ${TARGET_MS.engine} ms`],
      ['engine, warm: second run (findings cached per statement text)', `${warmMs.toFixed(0)} ms`, `${(report.queries / (warmMs / 1000)).toFixed(0)} queries/s`],
      ['  of which finding templates (warm)', `${scanMs.toFixed(0)} ms`, `${((scanMs / hosts) * 1000).toFixed(0)} µs per TS/JS file`],
      ['CLI end to end (node dist/server/cli.js)', cliMs === undefined ? 'not built' : `${cliMs.toFixed(0)} ms`, cliMs === undefined ? 'run npm run build first' : `${cliFindings} findings; target < ${TARGET_MS.cli} ms`],
    ];
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    console.log(`schemawise check: ${FILES} files, ${queries} queries, ${TABLES}-table snapshot (node ${process.version})\n`);
    console.log(`${'measure'.padEnd(w0)}  ${'value'.padStart(w1)}  note`);
    console.log(`${'-'.repeat(w0)}  ${'-'.repeat(w1)}  ----`);
    for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);

    const problems: string[] = [];
    if (report.queries !== queries) problems.push(`checked ${report.queries} queries, generated ${queries}`);
    if (unknown !== planted) problems.push(`found ${unknown} unknown columns, planted ${planted}`);
    if (report.findings.length !== planted) problems.push(`unexpected findings: ${JSON.stringify(report.findings.filter((f) => f.rule !== 'unknown-column').slice(0, 5))}`);
    if (engineMs > TARGET_MS.engine) problems.push(`engine took ${engineMs.toFixed(0)} ms`);
    if (cliMs !== undefined && cliMs > TARGET_MS.cli) problems.push(`CLI took ${cliMs.toFixed(0)} ms`);
    if (cliFindings !== undefined && cliFindings !== report.findings.length) problems.push(`CLI found ${cliFindings}, engine ${report.findings.length}`);
    if (problems.length) {
      console.log(`\nMISSED: ${problems.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
