// The schemawise.docs.* settings: bad values fall back to defaults with a warning; relative folders
// resolve against the workspace folder.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { docsSettingsFrom, resolveDocsFolder } from '../../client/src/docs/docs-settings';

describe('docs settings (client)', () => {
  it('uses the defaults when nothing is set', () => {
    assert.deepEqual(docsSettingsFrom({}), { folder: 'docs/db', format: 'markdown', stats: true, warnings: [] });
  });

  it('keeps valid values and replaces bad ones with a warning', () => {
    assert.deepEqual(docsSettingsFrom({ folder: ' site/db ', format: 'html', stats: false }), { folder: 'site/db', format: 'html', stats: false, warnings: [] });
    const bad = docsSettingsFrom({ folder: 42, format: 'pdf', stats: 'yes' });
    assert.equal(bad.folder, 'docs/db');
    assert.equal(bad.format, 'markdown');
    assert.equal(bad.stats, true);
    assert.equal(bad.warnings.length, 3);
  });

  it('resolves a relative folder against the workspace folder, keeps an absolute one', () => {
    assert.equal(resolveDocsFolder('docs/db', '/work/repo'), join('/work/repo', 'docs', 'db'));
    assert.equal(resolveDocsFolder('/srv/docs', '/work/repo'), '/srv/docs');
  });
});
