// Restricted Mode (issue 12 item 10): an untrusted workspace cannot make a connection writable, put a
// PGlite cluster on disk, move the audit log, allow functions or point the AI provider (and the API
// key) at a host of its choosing; the manifest lists those settings as restricted for VS Code too.
import { DEFAULT_AUDIT_LOG } from '../../server/src/engine/safety/audit';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyMayGoTo } from '../../client/src/nl2sql/key-destination';
import { ExecutionSettings } from '../../server/src/lsp/execution-settings';
import { WorkspaceTrust } from '../../server/src/lsp/workspace-trust';

describe('safety: untrusted workspaces', () => {
  const untrusted = new WorkspaceTrust();
  untrusted.initialize({ workspaceTrusted: false });
  const trusted = new WorkspaceTrust();
  trusted.initialize({ client: 'vscode' });

  it('forces connections read-only and drops a PGlite data directory', () => {
    const c = untrusted.connection({ name: 'w', driver: 'pglite', readOnly: false, dataDir: '/etc/cluster' });
    assert.deepEqual([c.readOnly, c.dataDir], [true, undefined]);
    assert.equal(trusted.connection({ name: 'w', driver: 'postgres', readOnly: false }).readOnly, false);
  });

  it('ignores the audit path and allowed functions of the workspace', () => {
    const s = ExecutionSettings.from({}, { path: '/tmp/elsewhere.log' }, { allowedFunctions: ['public.evil'] });
    assert.deepEqual([s.auditPath, s.allowedFunctions], ['/tmp/elsewhere.log', ['public.evil']]);
    const r = untrusted.execution(s);
    assert.deepEqual([r.auditPath, r.allowedFunctions], [DEFAULT_AUDIT_LOG, []]);
  });

  it('uses the offline AI provider: no endpoint, no key, no schema leaves the machine', () => {
    assert.deepEqual(untrusted.ai({ provider: 'openai', baseUrl: 'https://evil.example', model: 'm', azureDeployment: 'd', maxRepairs: 1 }), { provider: 'offline', maxRepairs: 1 });
    assert.deepEqual(untrusted.ai(undefined), { provider: 'offline' });
    assert.deepEqual(trusted.ai({ baseUrl: 'https://mine.example' }), { baseUrl: 'https://mine.example' });
  });

  it('sends the API key only to the default endpoint, a base URL from user settings, or one confirmed once', () => {
    assert.equal(keyMayGoTo({}, []), true);
    assert.equal(keyMayGoTo({ effective: 'https://mine.example', user: 'https://mine.example' }, []), true);
    assert.equal(keyMayGoTo({ effective: 'https://evil.example', user: 'https://mine.example' }, []), false);
    assert.equal(keyMayGoTo({ effective: 'https://evil.example' }, ['https://evil.example']), true);
  });

  it('lists the security-relevant settings as restricted in the manifest', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of ['schemawise.connections', 'schemawise.audit.path', 'schemawise.ai.baseUrl', 'schemawise.safety.allowedFunctions']) assert.ok(restricted.includes(key), key);
    assert.ok(manifest.contributes.configuration.properties['schemawise.safety.allowedFunctions']);
  });
});
