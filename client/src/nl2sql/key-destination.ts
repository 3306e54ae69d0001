// Where the AI API key may be sent: the provider's default endpoint, a base URL from the user's own
// settings, or one the user confirmed once. A base URL that only the workspace (or folder) settings
// name could send the key and the schema to a host the repository chose, so it needs a confirmation.
// Pure: the VS Code side (nl2sql-commands.ts) supplies the settings and the remembered answers.

export interface BaseUrlSources {
  /** The value in effect for the document (workspace over user). */
  effective?: string;
  /** The user's own (global) value. */
  user?: string;
}

export function keyMayGoTo(sources: BaseUrlSources, confirmed: readonly string[]): boolean {
  const url = sources.effective?.trim();
  if (!url) return true;
  if (sources.user?.trim() === url) return true;
  return confirmed.includes(url);
}
