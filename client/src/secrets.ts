// Connection passwords live only in VS Code's SecretStorage (the OS keychain), keyed by the connection's
// name and where it points (see passwordKey). They are never written to settings, logs or messages.
import * as vscode from 'vscode';
import type { PasswordPrompt, PasswordSource } from './connect-flow';
import { passwordKey, type ConnectionSetting } from './settings';

export class Passwords implements PasswordSource {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The stored password; '' is a stored "no password" (trust or peer auth), undefined means never asked. */
  get(c: ConnectionSetting): Thenable<string | undefined> {
    return this.secrets.get(passwordKey(c));
  }

  store(c: ConnectionSetting, password: string): Thenable<void> {
    return this.secrets.store(passwordKey(c), password);
  }

  /** Deletes the stored password; resolves to whether there was one. */
  async forget(c: ConnectionSetting): Promise<boolean> {
    const had = (await this.get(c)) !== undefined;
    if (had) await this.secrets.delete(passwordKey(c));
    return had;
  }

  /** Asks for a password; undefined when the person cancels. Storing is the caller's job, once it worked. */
  ask(c: ConnectionSetting, why: PasswordPrompt): Thenable<string | undefined> {
    const who = `${c.user ? `${c.user}@` : ''}${c.host}:${c.port}`;
    return vscode.window.showInputBox({
      title: `Schemawise: password for "${c.name}" (${who})`,
      prompt:
        why === 'auth-failed'
          ? `Authentication failed for "${c.name}". Enter the password again (it replaces the saved one).`
          : `Enter the password for "${c.name}" (leave empty if the server needs none). It is kept in the system keychain.`,
      password: true,
      ignoreFocusOut: true,
    });
  }
}
