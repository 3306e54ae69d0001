import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDialect } from '../../server/src/engine/sql/dialect';
import { splitStatements, statementAt } from '../../server/src/engine/sql/statement-splitter';
import { DATASETS } from '../helpers/fixtures';

const pg = getDialect('postgres');

describe('sql statement splitter', () => {
  it('splits at semicolons outside strings, comments, quoted names and dollar quotes', () => {
    const sql = "SELECT ';'; /* ; */ SELECT \"a;b\" FROM t -- ;\n; DO $$ BEGIN PERFORM 1; END $$; SELECT 3";
    const parts = splitStatements(sql, pg).map((s) => sql.slice(s.start, s.end));
    assert.deepEqual(parts, ["SELECT ';'", '/* ; */ SELECT "a;b" FROM t -- ;', 'DO $$ BEGIN PERFORM 1; END $$', 'SELECT 3']);
  });

  it('finds the statement under the cursor; after a ; the cursor starts the next statement', () => {
    const sql = 'SELECT 1; SELECT 2;';
    assert.equal(statementAt(sql, 3, pg).start, 0);
    assert.equal(statementAt(sql, 8, pg).start, 0);
    assert.equal(statementAt(sql, 12, pg).start, 10);
    assert.equal(statementAt(sql, sql.length, pg).tokens.length, 0);
  });

  it('splits the real Chinook PostgreSQL script into its statements', () => {
    const sql = readFileSync(join(DATASETS, 'chinook/chinook.postgres.sql'), 'utf8');
    const statements = splitStatements(sql, pg);
    const code = (s: (typeof statements)[number]) => s.tokens.filter((t) => t.kind !== 'comment').map((t) => t.text.toUpperCase());
    const creates = statements.filter((s) => code(s).slice(0, 2).join(' ') === 'CREATE TABLE');
    assert.equal(creates.length, 11);
    // Every statement ends right where a `;` is, and no `;` hides inside a statement outside a literal.
    for (const s of statements.slice(0, -1)) assert.equal(sql[s.semicolon!], ';');
  });
});
