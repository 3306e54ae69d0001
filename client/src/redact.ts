// Masks secrets in text bound for an output channel. The language client's message trace prints
// request parameters verbatim, and `schemawise/connect` carries the password, so every log line goes
// through here first. Pure (no `vscode` import) so it is unit-tested directly.

const MASK = '***';

/** JSON-ish `"password": "…"` (also secret/token/apiKey keys), with escaped quotes inside the value. */
const JSON_SECRET = /("(?:password|passwd|pwd|secret|token|apiKey|api_key)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
/** `key=value` and `key: value` forms, as in connection strings and plain-text traces. */
const KV_SECRET = /\b(password|passwd|pwd|secret|token|api[_-]?key)(\s*[=:]\s*)(?!["{\s])([^\s;,&'"}]+)/gi;
/** user:password@ in URLs. */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi;

export function redactSecrets(text: string): string {
  return text
    .replace(JSON_SECRET, `$1"${MASK}"`)
    .replace(KV_SECRET, `$1$2${MASK}`)
    .replace(URL_CREDENTIALS, `$1${MASK}@`);
}
