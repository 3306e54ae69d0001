// Masks secrets that SQL text can carry before it reaches a log or a message: passwords in
// connection strings (dblink('… password=x …'), postgres://u:x@h), CREATE/ALTER ROLE … PASSWORD 'x',
// MySQL IDENTIFIED BY 'x', T-SQL PASSWORD = 'x' / SECRET = 'x'.
const MASK = '***';

const RULES: ReadonlyArray<[RegExp, (m: string, ...groups: string[]) => string]> = [
  // scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:)([^\s@'"]+)@/gi, (_m, head) => `${head}${MASK}@`],
  // key=value secrets in libpq / ODBC / JDBC-style connection strings; values quoted or bare.
  [
    /\b(password|passwd|pwd|secret|sslpassword|access[_ ]?key|api[_-]?key|token)(\s*=\s*)(''(?:[^']|'(?!'))*''|'(?:[^'\\]|\\.)*'|"[^"]*"|[^\s;'",)]+)/gi,
    (_m, key, eq, value) => `${key}${eq}${quoteLike(value, MASK)}`,
  ],
  // "password": "x" in JSON-like option dumps ({ password: 'x' } too).
  [/(["']?(?:password|passwd|pwd|secret|token|api[_-]?key|apiKey)["']?\s*:\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/gi, (_m, head, value) => `${head}${quoteLike(value, MASK)}`],
  // PASSWORD 'x' (PostgreSQL roles, user mappings), IDENTIFIED BY 'x' / IDENTIFIED BY PASSWORD 'hash'
  [/\b(password|identified\s+by(?:\s+password)?|identified\s+with\s+\S+\s+(?:by|as))(\s+)('(?:[^'\\]|''|\\.)*'|"[^"]*")/gi, (_m, key, sp, value) => `${key}${sp}${quoteLike(value, MASK)}`],
];

function quoteLike(value: string, mask: string): string {
  if (value.startsWith("''")) return `''${mask}''`;
  const q = value[0];
  return q === "'" || q === '"' ? `${q}${mask}${q}` : mask;
}

export function maskSecrets(text: string): string {
  let out = text;
  for (const [re, replace] of RULES) out = out.replace(re, replace as (m: string, ...g: string[]) => string);
  return out;
}

/**
 * Masks one known secret (a password, an API key) in a message, only where it stands: URL userinfo,
 * key=value strings and option fields (maskSecrets), never as a piece of an ordinary word: with the
 * password "e" or "does", "authentication failed" and "does not exist" must stay readable, and
 * masking them would reveal the password. A bare occurrence is masked only for a secret that cannot
 * be a word (6+ characters, not only letters: "hunter2", an API key), and only as a whole token.
 */
export function maskSecret(message: string, secret: string | undefined): string {
  let out = maskSecrets(message);
  if (!secret || secret.length < 6 || /^[\p{L}]+$/u.test(secret)) return out;
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  out = out.replace(new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`, 'g'), MASK);
  return out;
}
