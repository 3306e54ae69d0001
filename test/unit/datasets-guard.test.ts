// Without the datasets folder the run goes on (issue 20): suites that read a dataset are skipped with
// a message, others run; with CI=true those suites fail instead. Runs mocha in a child process.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = 'test/fixtures/datasets-guard/needs-datasets.fixture.ts';

function mocha(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/mocha/bin/mocha.js'), '--reporter', 'dot', FIXTURE], {
    cwd: ROOT,
    env: { ...process.env, SCHEMAWISE_DATASETS: '/nonexistent/datasets', CI: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('tests without the datasets folder', function () {
  this.timeout(90_000);

  it('skips the suites that need it with a message, and runs the rest', () => {
    const r = mocha({});
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /skipping the suites that need datasets: the datasets folder \/nonexistent\/datasets is missing/);
    assert.match(r.output, /1 passing/);
    assert.match(r.output, /1 pending/);
  });

  it('fails those suites in CI', () => {
    const r = mocha({ CI: 'true' });
    assert.notEqual(r.code, 0, r.output);
    assert.match(r.output, /CI=true: failing instead of skipping/);
  });
});
