// The shipped server bundle (minified, as `npm run package` builds it) is plain ASCII: V8 then keeps
// its 2.4 MB source as a one-byte string. One non-ASCII character (a `→` in a regular expression
// literal, which esbuild cannot escape) made it two-byte: twice the memory and ~15 ms of UTF-8
// decoding at every start (issue 19). Regular expressions spell such characters as \u escapes.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildProductionServer } from '../helpers/lsp-client';

describe('server bundle', function () {
  this.timeout(120000);

  it('is ASCII only, so V8 holds its source one byte per character (the bootstrap and the bundle)', async () => {
    const dir = dirname(await buildProductionServer());
    for (const file of ['server.js', 'server-main.js']) {
      const bytes = readFileSync(join(dir, file));
      const at = bytes.findIndex((b) => b > 0x7f);
      assert.equal(at, -1, `${file}: non-ASCII byte at ${at}: …${bytes.subarray(Math.max(0, at - 60), at + 20).toString('utf8')}…`);
    }
  });
});
