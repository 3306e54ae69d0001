// Where the audit log goes (issue 20): a per-user state file, never the working directory or the
// repository, unless a setting or flag names a path.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { auditLogIn, AuditLog, defaultAuditLogPath } from '../../server/src/engine/safety/audit';
import { ExecutionSettings } from '../../server/src/lsp/execution-settings';

describe('audit log location', () => {
  it('defaults to the XDG state directory on Linux, ~/.local/state without it', () => {
    assert.equal(defaultAuditLogPath({ XDG_STATE_HOME: '/var/state/me' }, 'linux', '/home/me'), '/var/state/me/schemawise/audit.log');
    assert.equal(defaultAuditLogPath({}, 'linux', '/home/me'), '/home/me/.local/state/schemawise/audit.log');
    // The XDG spec: a relative value is invalid and must be ignored.
    assert.equal(defaultAuditLogPath({ XDG_STATE_HOME: 'state' }, 'linux', '/home/me'), '/home/me/.local/state/schemawise/audit.log');
  });

  it('uses the platform log/state folders on macOS and Windows', () => {
    assert.equal(defaultAuditLogPath({}, 'darwin', '/Users/me'), '/Users/me/Library/Logs/schemawise/audit.log');
    assert.equal(defaultAuditLogPath({ LOCALAPPDATA: 'C:/Users/me/AppData/Local' }, 'win32', 'C:/Users/me'), join('C:/Users/me/AppData/Local', 'schemawise', 'audit.log'));
  });

  it('is never relative to the working directory when nothing is configured', () => {
    const log = new AuditLog({ cwd: '/some/repo' });
    assert.ok(!log.path.startsWith('/some/repo'), log.path);
    assert.equal(log.path, defaultAuditLogPath());
  });

  it('editor settings: an empty path means the editor state folder; a path set by the user wins', () => {
    const state = auditLogIn('/home/me/.vscode/globalStorage/schemawise.schemawise');
    assert.equal(ExecutionSettings.from({}, { path: '' }, undefined, state).auditPath, state);
    assert.equal(ExecutionSettings.from({}, {}, undefined, state).auditPath, state);
    assert.equal(ExecutionSettings.from({}, { path: 'logs/audit.log' }, undefined, state).auditPath, 'logs/audit.log');
    assert.equal(ExecutionSettings.from({}, { path: 42 }).auditPath, defaultAuditLogPath());
  });
});
