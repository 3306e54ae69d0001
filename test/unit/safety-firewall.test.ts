// The query firewall against the adversarial corpus (test/fixtures/safety/adversarial.json): every
// statement expected to be refused is refused by the expected rule, names the statement and says
// why; the tricky-but-harmless ones pass.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DialectId } from '../../server/src/engine/schema/model';
import { checkSql, formatRefusal } from '../../server/src/engine/safety/firewall';

interface CorpusEntry {
  dialect: DialectId;
  sql: string;
  expect: 'refused' | 'allowed';
  rule?: string;
  kind?: string;
  statement?: number;
  note?: string;
}

export const CORPUS: CorpusEntry[] = JSON.parse(readFileSync(join(__dirname, '../fixtures/safety/adversarial.json'), 'utf8'));

describe('safety firewall: adversarial corpus', () => {
  it('holds at least 200 statements to refuse, for PostgreSQL, MySQL/MariaDB and T-SQL', () => {
    const refused = CORPUS.filter((e) => e.expect === 'refused');
    assert.ok(refused.length >= 200, `${refused.length} refused entries`);
    for (const d of ['postgres', 'mysql', 'mssql']) assert.ok(refused.some((e) => e.dialect === d), d);
  });

  it('refuses every adversarial statement in read-only mode with the expected rule and a clear reason', async () => {
    const failures: string[] = [];
    for (const e of CORPUS.filter((x) => x.expect === 'refused')) {
      const verdict = await checkSql(e.sql, e.dialect, 'read-only');
      const index = e.statement ?? 1;
      const r = verdict.refusals.find((x) => x.index === index);
      const got = verdict.refusals.map(formatRefusal).join(' | ') || 'allowed';
      if (!r) failures.push(`[${e.dialect}] ${e.sql}\n    expected statement ${index} refused (${e.rule}), got: ${got}`);
      else if (e.rule && r.rule !== e.rule) failures.push(`[${e.dialect}] ${e.sql}\n    expected rule ${e.rule}, got: ${got}`);
      else if (r.reason.length < 20 || !r.preview) failures.push(`[${e.dialect}] ${e.sql}\n    reason too thin: ${got}`);
      const s = verdict.statements.find((x) => x.index === index);
      if (r && e.kind && s?.kind !== e.kind) failures.push(`[${e.dialect}] ${e.sql}\n    expected kind ${e.kind}, got ${s?.kind}`);
    }
    assert.deepEqual(failures, [], `${failures.length} corpus entries not handled as expected:\n${failures.join('\n')}`);
  });

  it('lets the tricky but harmless statements of the corpus through', async () => {
    const failures: string[] = [];
    for (const e of CORPUS.filter((x) => x.expect === 'allowed')) {
      const verdict = await checkSql(e.sql, e.dialect, 'read-only');
      if (verdict.refusals.length) failures.push(`[${e.dialect}] ${e.sql}: ${verdict.refusals.map(formatRefusal).join(' | ')}`);
    }
    assert.deepEqual(failures, []);
  });

  it('refuses a statement holding a NUL character in every mode, since the PostgreSQL parser stops reading at it', async () => {
    for (const dialect of ['postgres', 'mysql', 'mssql'] as const) {
      for (const mode of ['read-only', 'writable'] as const) {
        // libpg-query reads "select 1 " only: without this rule the DELETE would pass as a query.
        const verdict = await checkSql('select 1 \0 delete from t;\nselect 2', dialect, mode);
        assert.deepEqual(verdict.refusals.map((r) => [r.index, r.rule]), [[1, 'nul-character']], `${dialect} ${mode}`);
        assert.match(formatRefusal(verdict.refusals[0]!), /^statement 1 \(select 1 \ufffd delete from t[^)]*\): refused \[nul-character\]: contains a NUL character \(\\0, byte 0\), which is not SQL text/);
      }
    }
  });

  it('refuses a statement too deeply nested to analyse with that reason, not "Maximum call stack size exceeded"', async () => {
    const sum = (terms: number) => `select ${Array.from({ length: terms }, () => '1').join('+')}`;
    // PostgreSQL: 3,000 terms parse but overflow the AST walk; 30,000 overflow the parser itself.
    // node-sql-parser (MySQL, T-SQL) overflows from about 30,000 terms (300,000 take seconds there).
    const cases = [
      ['postgres', 3_000],
      ['postgres', 30_000],
      ['mysql', 30_000],
      ['mssql', 30_000],
    ] as const;
    for (const [dialect, terms] of cases) {
      const verdict = await checkSql(`${sum(terms)};\nselect 2`, dialect, 'read-only');
      assert.deepEqual(verdict.refusals.map((r) => [r.index, r.rule]), [[1, 'unparseable']], `${dialect} ${terms}`);
      const message = formatRefusal(verdict.refusals[0]!);
      assert.match(message, /^statement 1 \(select 1\+1\+1[^)]*\): refused \[unparseable\]: the statement is too deeply nested to analyse safely/, `${dialect} ${terms}`);
      assert.doesNotMatch(message, /call stack/i);
      // The short statement after it is still classified on its own.
      assert.equal(verdict.statements[1]?.parsed, true, `${dialect} ${terms}`);
    }
    // Writable mode used to throw the RangeError out of checkSql for the PostgreSQL AST walk.
    const writable = await checkSql('delete from t where x = ' + sum(3_000).slice('select '.length), 'postgres', 'writable');
    assert.match(writable.confirmations[0]?.reason ?? '', /^could not be analysed \(the statement is too deeply nested to analyse safely/);
  });
});
