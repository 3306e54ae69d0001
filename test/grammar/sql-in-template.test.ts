// The TextMate injection grammar for SQL in tagged templates (syntaxes/sql-in-template.json),
// tokenised as VS Code does (vscode-textmate + Oniguruma) and compared with snapshot files.
// Regenerate snapshots after an intended change with UPDATE_SNAPSHOTS=1; in CI a missing snapshot
// fails instead of being written.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  INJECTED_INTO,
  INJECTIONS,
  loadTextMate,
  missingPackages,
  scopeForFile,
  snapshot,
  type TextMate,
  type Token,
} from './textmate';

const FIXTURES = path.join(__dirname, 'fixtures');
const SNAPSHOTS = path.join(__dirname, 'snapshots');
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const SQL = 'meta.embedded.block.sql';

interface RawRule {
  begin?: string;
  end?: string;
  match?: string;
  patterns?: RawRule[];
  include?: string;
  beginCaptures?: Record<string, RawRule>;
}
const INJECTION_SCOPE = 'inline.sql-template';
const grammar = JSON.parse(readFileSync(INJECTIONS[INJECTION_SCOPE], 'utf8')) as {
  scopeName: string;
  injectionSelector: string;
  patterns: RawRule[];
  repository: Record<string, RawRule>;
};

describe('SQL-in-template grammar: structure (no TextMate engine needed)', () => {
  it('is injected into TS, TSX, JS and JSX, but never into comments or plain strings', () => {
    assert.equal(grammar.scopeName, INJECTION_SCOPE);
    const selectors = grammar.injectionSelector.split(',').map((s) => s.trim());
    assert.deepEqual(
      selectors,
      INJECTED_INTO.map((scope) => `L:${scope} -comment -string`),
    );
  });

  it('is registered in package.json for the same hosts, with SQL as the embedded language', () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
      contributes: { grammars?: { scopeName: string; path: string; injectTo?: string[]; embeddedLanguages?: Record<string, string> }[] };
    };
    const entry = manifest.contributes.grammars?.find((g) => g.scopeName === INJECTION_SCOPE);
    assert.ok(entry, 'contributes.grammars has the injection grammar');
    assert.equal(path.resolve(__dirname, '../..', entry.path), INJECTIONS[INJECTION_SCOPE]);
    assert.deepEqual(entry.injectTo, INJECTED_INTO);
    assert.deepEqual(entry.embeddedLanguages, { 'meta.embedded.block.sql': 'sql' });
  });

  it('has begin/end patterns that compile as regular expressions and local includes that resolve', () => {
    const rules: RawRule[] = [...grammar.patterns, ...Object.values(grammar.repository)];
    let compiled = 0;
    const visit = (rule: RawRule) => {
      for (const p of [rule.begin, rule.end, rule.match]) {
        if (p === undefined) continue;
        assert.doesNotThrow(() => new RegExp(p), `pattern ${p}`);
        compiled++;
      }
      if (rule.include?.startsWith('#')) assert.ok(grammar.repository[rule.include.slice(1)], `include ${rule.include}`);
      rule.patterns?.forEach(visit);
      Object.values(rule.beginCaptures ?? {}).forEach(visit);
    };
    rules.forEach(visit);
    assert.equal(compiled, 11, 'three begin/end pairs, the four matches of the object-chain capture and the quote escape');
  });

  it('recognises the tags sql, SQL, sql<T> and db.sql, and not mysql or $sql', () => {
    // JS RegExp reads [:alpha:] as a plain character class, so only tags over [a-z.] are checked here.
    const begin = new RegExp(grammar.repository['tagged-sql-template'].begin!);
    for (const yes of ['sql`', 'SQL`', 'sql<Row>`', 'sql<Map<string, Row>>`', 'sql `']) assert.match(yes, begin, yes);
    for (const no of ['mysql`', '$sql`', 'sqlite`', 'html`', '.sql`']) assert.doesNotMatch(no, begin, no);
  });
});

describe('SQL-in-template grammar: tokens as VS Code sees them', function () {
  let textmate: TextMate;

  before(async function () {
    const missing = missingPackages();
    if (missing.length) {
      const reason = `TextMate engine not installed (devDependencies missing: ${missing.join(', ')})`;
      if (inCi) throw new Error(`${reason} (CI=true: failing instead of skipping)`);
      console.warn(`  skipped: ${reason}`);
      this.skip();
    }
    textmate = await loadTextMate();
  });

  const fixtures = readdirSync(FIXTURES).filter((f) => /\.(ts|tsx|js)$/.test(f));

  for (const file of fixtures) {
    it(`matches the snapshot of ${file}`, async () => {
      const source = readFileSync(path.join(FIXTURES, file), 'utf8');
      const actual = snapshot(source, await textmate.tokenize(scopeForFile(file), source));
      const snapFile = path.join(SNAPSHOTS, `${file}.snap`);
      if (process.env.UPDATE_SNAPSHOTS === '1' || (!existsSync(snapFile) && !inCi)) {
        writeFileSync(snapFile, actual);
        return;
      }
      assert.ok(existsSync(snapFile), `missing snapshot ${snapFile} (run with UPDATE_SNAPSHOTS=1)`);
      assert.equal(actual, readFileSync(snapFile, 'utf8'), `${file}: tokens differ from the snapshot (UPDATE_SNAPSHOTS=1 after an intended change)`);
    });
  }

  const tokensOf = async (file: string): Promise<Token[]> => {
    const source = readFileSync(path.join(FIXTURES, file), 'utf8');
    return textmate.tokenize(scopeForFile(file), source);
  };
  const find = (tokens: Token[], text: string, line?: number): Token => {
    const t = tokens.find((x) => x.text === text && (line === undefined || x.line === line));
    assert.ok(t, `token ${JSON.stringify(text)}${line === undefined ? '' : ` on line ${line + 1}`}`);
    return t;
  };
  const has = (t: Token, scope: string) => assert.ok(t.scopes.includes(scope), `${JSON.stringify(t.text)} has ${scope}: ${t.scopes.join(' ')}`);
  const hasNot = (t: Token, scope: string) => assert.ok(!t.scopes.includes(scope), `${JSON.stringify(t.text)} lacks ${scope}: ${t.scopes.join(' ')}`);

  it('highlights the body of sql`…` as SQL keywords and the ${…} inside it as TypeScript', async () => {
    const tokens = await tokensOf('tagged-templates.ts');
    const select = find(tokens, 'SELECT', 6);
    has(select, SQL);
    has(select, 'keyword.other.DML.sql');
    const id = find(tokens, 'artistId', 6);
    has(id, 'meta.template.expression.ts');
    has(id, 'variable.other.readwrite.ts');
    has(find(tokens, 'GROUP BY', 6), 'keyword.other.DML.sql');
  });

  it('treats sql<Row>`…` type arguments as TypeScript types and db.sql`…` as a tagged template', async () => {
    const tokens = await tokensOf('tagged-templates.ts');
    has(find(tokens, 'Track', 7), 'entity.name.type.ts');
    has(find(tokens, 'SELECT', 7), 'keyword.other.DML.sql');
    has(find(tokens, 'SELECT', 8), 'keyword.other.DML.sql');
    has(find(tokens, 'db', 9), 'variable.other.object.ts');
    has(find(tokens, 'sql', 9), 'entity.name.function.tagged-template.ts');
    has(find(tokens, 'DELETE', 9), SQL);
    has(find(tokens, 'INSERT INTO', 10), SQL);
    has(find(tokens, 'UPDATE', 11), SQL);
    has(find(tokens, 'this', 22), 'variable.language.this.ts');
    has(find(tokens, 'SELECT', 22), SQL);
  });

  it('leaves a tag on a call result (getDb().sql`…`) a plain template rather than break the host rule', async () => {
    const tokens = await tokensOf('tagged-templates.ts');
    const body = find(tokens, 'SELECT * FROM media_type', 23);
    has(body, 'string.template.ts');
    hasNot(body, SQL);
    has(find(tokens, 'all', 22), 'entity.name.function.ts');
  });

  it('returns to TypeScript after an object-chain tag (db.sql`…` does not leave the host rule open)', async () => {
    const tokens = await tokensOf('tagged-templates.ts');
    for (const line of [10, 11, 12, 25, 27]) {
      const kw = find(tokens, 'export', line);
      has(kw, 'keyword.control.export.ts');
      hasNot(kw, 'entity.name.function.tagged-template.ts');
    }
  });

  it('highlights ${…} inside a SQL string of the template as TypeScript', async () => {
    const tokens = await tokensOf('tagged-templates.ts');
    const term = tokens.find((t) => t.line === 25 && t.text === 'term' && t.scopes.includes(SQL));
    assert.ok(term, 'term inside the template');
    has(term, 'string.quoted.single.sql');
    has(term, 'meta.template.expression.ts');
    has(term, 'variable.other.readwrite.ts');
    has(find(tokens, '%', 25), 'string.quoted.single.sql');
  });

  it("reads '' inside a SQL string as an escaped quote and ends a runaway string at the template's end", async () => {
    const tokens = await textmate.tokenize('source.ts', "const a = sql`SELECT 'it''s' AS x`;\nconst b = sql`SELECT 'oops`;\nconst c = 1;");
    has(find(tokens, "''", 0), 'constant.character.escape.sql');
    has(find(tokens, 'AS', 0), 'keyword.other.alias.sql');
    const after = find(tokens, 'const', 2);
    hasNot(after, SQL);
    has(after, 'storage.type.ts');
  });

  it('keeps a multi-line template SQL until its closing backtick, past an escaped backtick', async () => {
    const tokens = await tokensOf('tagged-templates.ts');
    has(find(tokens, 'FROM', 15), 'keyword.other.DML.sql');
    has(find(tokens, ' the track', 13), 'comment.line.double-dash.sql');
    has(find(tokens, '60_000', 17), 'meta.template.expression.ts');
    const after = find(tokens, 'declare', 19);
    hasNot(after, SQL);
    has(after, 'storage.modifier.ts');
  });

  it('leaves other tags, strings, comments and untagged templates alone', async () => {
    const tokens = await tokensOf('not-sql.ts');
    const embedded = tokens.filter((t) => t.scopes.includes(SQL));
    assert.deepEqual(embedded, []);
    has(find(tokens, 'SELECT * FROM track', 4), 'string.template.ts');
  });

  it('works the same in JavaScript files', async () => {
    const tokens = await tokensOf('plain-javascript.js');
    has(find(tokens, 'SELECT', 4), 'keyword.other.DML.sql');
    has(find(tokens, 'customerId', 4), 'meta.template.expression.ts');
  });
});
