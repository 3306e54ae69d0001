// The password side of connecting: use the saved password, ask on first connect, ask again (and
// replace the saved one) on an authentication failure, and forget one that is known to be wrong.
// Pure (no `vscode` import): the secret store, the prompt and the request are passed in, so this whole
// policy is unit-tested with fakes.
import { connectParams, type ConnectFailure, type ConnectTarget } from './connect-params';
import type { ConnectParams } from '../../server/src/protocol';
import type { ConnectionSetting } from './settings';

export type PasswordPrompt = 'first' | 'auth-failed';

/** SecretStorage plus the password input box, as the flow needs them. */
export interface PasswordSource {
  /** '' is a saved "no password"; undefined means none saved. */
  get(c: ConnectionSetting): PromiseLike<string | undefined>;
  /** undefined when the person cancels. */
  ask(c: ConnectionSetting, why: PasswordPrompt): PromiseLike<string | undefined>;
  store(c: ConnectionSetting, password: string): PromiseLike<void>;
  forget(c: ConnectionSetting): PromiseLike<boolean>;
}

export type ConnectOutcome<S> = { ok: true; status: S } | ({ ok: false } & ConnectFailure);

export interface ConnectFlowDeps<S> {
  passwords: PasswordSource;
  send: (params: ConnectParams) => Promise<ConnectOutcome<S>>;
  /** False once a newer connect or a disconnect superseded this one: stop without side effects. */
  current: () => boolean;
}

export type ConnectFlowResult<S> =
  | { kind: 'connected'; status: S }
  | { kind: 'failed'; failure: ConnectFailure }
  /** Cancelled by the person, or no saved password when asking is not allowed. */
  | { kind: 'cancelled'; reason?: string }
  | { kind: 'superseded' };

/** Wrong passwords in a row before giving up, so a mistyped password never loops. */
export const MAX_AUTH_ATTEMPTS = 3;

export async function connectWithPassword<S>(deps: ConnectFlowDeps<S>, target: ConnectTarget, interactive: boolean): Promise<ConnectFlowResult<S>> {
  const setting = target.kind === 'configured' ? target.connection : undefined;
  let password: string | undefined;
  if (setting) {
    password = await deps.passwords.get(setting);
    if (password === undefined) {
      if (!interactive) return { kind: 'cancelled', reason: 'no saved password; connect from the status bar' };
      password = await deps.passwords.ask(setting, 'first');
      if (!deps.current()) return { kind: 'superseded' };
      if (password === undefined) return { kind: 'cancelled' };
    }
  }
  for (let attempt = 1; ; attempt++) {
    const outcome = await deps.send(connectParams(target, password));
    if (!deps.current()) return { kind: 'superseded' };
    if (outcome.ok) {
      // Saved only once it worked, so a mistyped password is never kept.
      if (setting && password !== undefined) await deps.passwords.store(setting, password);
      return { kind: 'connected', status: outcome.status };
    }
    const failure: ConnectFailure = { kind: outcome.kind, message: outcome.message };
    if (!(failure.kind === 'auth' && setting)) return { kind: 'failed', failure };
    if (interactive && attempt < MAX_AUTH_ATTEMPTS) {
      password = await deps.passwords.ask(setting, 'auth-failed');
      if (!deps.current()) return { kind: 'superseded' };
      if (password !== undefined) continue;
    }
    // The saved password is known to be wrong: do not send it again next time.
    await deps.passwords.forget(setting);
    return { kind: 'failed', failure };
  }
}
