// Loads a pg_dump data script (plain SQL statements and `COPY … FROM stdin` blocks ending in `\.`),
// such as sakila.postgres.data.sql, into a database: statements as they are, COPY data through the
// COPY protocol (pg-copy-streams), the way psql would.
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pgUrlFor } from './services';

export async function loadPgDataScript(database: string, file: string): Promise<void> {
  const lines = readFileSync(file, 'utf8').split('\n');
  const c = new Client({ connectionString: pgUrlFor(database) });
  await c.connect();
  try {
    let sql: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (/^COPY .* FROM stdin;$/.test(line)) {
        if (sql.join('').trim()) await c.query(sql.join('\n'));
        sql = [];
        const end = lines.indexOf('\\.', i + 1);
        const data = lines.slice(i + 1, end).join('\n') + '\n';
        await new Promise<void>((resolve, reject) => {
          const stream = c.query(copyFrom(line.replace(/;$/, '')));
          stream.on('error', reject);
          stream.on('finish', () => resolve());
          stream.end(data);
        });
        i = end;
      } else sql.push(line);
    }
    if (sql.join('').replace(/--[^\n]*/g, '').trim()) await c.query(sql.join('\n'));
  } finally {
    await c.end();
  }
}
