// The API key of the OpenAI-compatible provider lives only in SecretStorage (the OS keychain). It is
// sent to the server with each AI request, which uses it for that request only; it is never written
// to settings, logs or messages.
import * as vscode from 'vscode';

const SECRET_KEY = 'schemawise.ai.apiKey';

export class AiKey {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(): Promise<string | undefined> {
    return (await this.secrets.get(SECRET_KEY)) || undefined;
  }

  /** Asks for the key; an empty answer removes the stored one. Resolves to what happened. */
  async askAndStore(): Promise<'stored' | 'removed' | 'cancelled'> {
    const value = await vscode.window.showInputBox({
      title: 'Schemawise: AI API key',
      prompt: 'API key of the OpenAI-compatible provider (schemawise.ai.*). Kept in the system keychain. Leave empty to remove the saved key.',
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return 'cancelled';
    if (value.trim() === '') {
      await this.secrets.delete(SECRET_KEY);
      return 'removed';
    }
    await this.secrets.store(SECRET_KEY, value.trim());
    return 'stored';
  }
}
