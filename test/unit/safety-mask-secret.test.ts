// Secret masking where the secret stands (issue 12 item 11): URL userinfo, key=value strings and
// option fields are masked; the same text inside ordinary words is not, because masking it would both
// garble the message and reveal the password ("role … *** not exist" with the password "does").
import assert from 'node:assert/strict';
import { redact } from '../../server/src/engine/drivers/postgres/errors';
import { maskSecret } from '../../server/src/engine/safety/mask';
import { sessionErrorFrom } from '../../server/src/engine/session/session-error';
import { Logger } from '../../server/src/lsp/logger';

const PG_AUTH = 'connecting to postgres://nosuchuser:PW@127.0.0.1:5432/x failed: authentication failed: role "nosuchuser" does not exist';

describe('safety: secret masking where the secret stands', () => {
  for (const pw of ['e', 'does', 'not', 'a', 'password', 'role', 'x', 'postgres', '1']) {
    it(`password ${JSON.stringify(pw)}: words stay intact, the URL userinfo is masked`, () => {
      const message = PG_AUTH.replace('PW', pw);
      for (const masked of [maskSecret(message, pw), redact(message, pw), sessionErrorFrom('connect', 'connecting', new Error(message), pw).message]) {
        assert.match(masked, /authentication failed: role "nosuchuser" does not exist/, masked);
        assert.match(masked, /nosuchuser:\*\*\*@127\.0\.0\.1/);
        assert.ok(!masked.includes(`:${pw}@`), masked);
      }
    });
  }

  it('masks key=value, quoted option fields and PASSWORD literals with a short password', () => {
    assert.equal(maskSecret('dblink(\'host=h password=e user=u\')', 'e'), "dblink('host=h password=*** user=u')");
    assert.equal(maskSecret('options {"password":"does","user":"u"}', 'does'), 'options {"password":"***","user":"u"}');
    assert.equal(maskSecret("{ password: 'does', host: 'h' }", 'does'), "{ password: '***', host: 'h' }");
    assert.equal(maskSecret("ALTER ROLE u PASSWORD 'does'", 'does'), "ALTER ROLE u PASSWORD '***'");
  });

  it('masks a non-word secret (hunter2, an API key) as a whole token wherever it appears, never inside a longer token', () => {
    const key = 'sk-test-0123456789abcdef';
    assert.equal(maskSecret(`Incorrect API key provided: ${key}.`, key), 'Incorrect API key provided: ***.');
    assert.equal(maskSecret(`${key}XYZ`, key), `${key}XYZ`);
    // A password made only of letters could be a word: never masked bare, however long.
    assert.equal(maskSecret('administratorship is required', 'administratorship'), 'administratorship is required');
  });

  it("the language server's log keeps words intact with a short remembered password", () => {
    const lines: string[] = [];
    const log = new Logger({ info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) } as never);
    log.addSecret('does');
    log.addSecret('e');
    log.error('role "nosuchuser" does not exist; postgres://u:does@h/db; password=does');
    assert.equal(lines[0], 'role "nosuchuser" does not exist; postgres://u:***@h/db; password=***');
  });
});
