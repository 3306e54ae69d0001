// Writes the bundled sample database "acme" (schema, rows, finalize step) as one SQL script, to load
// it into a real PostgreSQL 14+ as well:
//   npx tsx scripts/generate-sample-data.ts --out acme.sql && psql -1 -v ON_ERROR_STOP=1 -d mydb -f acme.sql
// The product itself never reads this output: it generates the rows at load time (see
// server/src/engine/sample/data.ts for why).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSampleDataSql } from '../server/src/engine/sample/data';

const SAMPLE_DIR = join(__dirname, '..', 'server', 'src', 'engine', 'sample');

function main(argv: string[]): void {
  const at = argv.indexOf('--out');
  if (at >= 0 && !argv[at + 1]) throw new Error('usage: generate-sample-data.ts [--out file.sql]   (default: stdout)');
  const script = [
    readFileSync(join(SAMPLE_DIR, 'schema.sql'), 'utf8'),
    generateSampleDataSql(),
    readFileSync(join(SAMPLE_DIR, 'finalize.sql'), 'utf8'),
  ].join('\n');
  if (at >= 0) writeFileSync(argv[at + 1]!, script);
  else process.stdout.write(script);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
