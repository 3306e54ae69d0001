// tokensIn finds a statement's tokens by binary search (issue 20: `run -f` was quadratic in the number
// of statements because every statement filtered the whole script's tokens). Same answer as the filter.
import { strict as assert } from 'node:assert';
import { scanSql } from '../../server/src/engine/safety/lexer';
import { tokensIn } from '../../server/src/engine/safety/statement';

describe('safety: tokens of a statement', () => {
  it('returns exactly the tokens inside [start, end), semicolons left out, for every statement of a script', () => {
    const sql = Array.from({ length: 300 }, (_, i) => `select ${i} as "n;${i}", 'a;b' from t${i} where x = $$;$$ -- c;\n;`).join('\n') + '\n;;select 1';
    const { tokens } = scanSql(sql, 'postgres');
    const naive = (s: number, e: number) => tokens.filter((t) => t.start >= s && t.end <= e && t.type !== 'semicolon');
    const cuts = [0, ...tokens.filter((t) => t.type === 'semicolon').map((t) => t.end), sql.length];
    for (let i = 0; i + 1 < cuts.length; i++) assert.deepEqual(tokensIn(tokens, cuts[i]!, cuts[i + 1]!), naive(cuts[i]!, cuts[i + 1]!));
    // Odd ranges: inside a token, empty, past the end.
    for (const [s, e] of [[5, 7], [10, 10], [sql.length, sql.length + 5], [0, sql.length]] as const) assert.deepEqual(tokensIn(tokens, s, e), naive(s, e));
  });
});
