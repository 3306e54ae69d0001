// Add Connection tests the connection before saving it (issue 20): ask the password, try it, and on
// failure let the person retry, fix the password, save anyway or give up. No `vscode` import, so the
// decisions are unit-tested with fakes.
import { connectParams, type ConnectFailure } from './connect-params';
import { MAX_AUTH_ATTEMPTS } from './connect-flow';
import type { ConnectionSetting } from './settings';
import type { ConnectParams } from '../../server/src/protocol';

export type TestOutcome = { ok: true; serverVersion: string; ms: number } | ({ ok: false } & ConnectFailure);

export interface TestFlowDeps {
  /** Asks for the password; undefined when the person cancelled. */
  askPassword(c: ConnectionSetting, why: 'first' | 'auth-failed'): Thenable<string | undefined> | Promise<string | undefined>;
  test(params: ConnectParams): Promise<TestOutcome>;
  /** What to do after a failure that is not a wrong password. */
  onFailure(message: string): Promise<'retry' | 'save' | undefined>;
}

export type TestFlowResult =
  | { kind: 'tested'; password: string; serverVersion: string; ms: number }
  | { kind: 'save-untested' }
  | { kind: 'cancelled' };

export async function testBeforeSaving(deps: TestFlowDeps, setting: ConnectionSetting): Promise<TestFlowResult> {
  let password = await deps.askPassword(setting, 'first');
  if (password === undefined) return { kind: 'cancelled' };
  for (let wrongPasswords = 0; ; ) {
    const outcome = await deps.test(connectParams({ kind: 'configured', connection: setting }, password));
    if (outcome.ok) return { kind: 'tested', password, serverVersion: outcome.serverVersion, ms: outcome.ms };
    if (outcome.kind === 'auth' && ++wrongPasswords < MAX_AUTH_ATTEMPTS) {
      password = await deps.askPassword(setting, 'auth-failed');
      if (password === undefined) return { kind: 'cancelled' };
      continue;
    }
    const choice = await deps.onFailure(outcome.message);
    if (choice === 'save') return { kind: 'save-untested' };
    if (choice !== 'retry') return { kind: 'cancelled' };
    wrongPasswords = 0;
  }
}
