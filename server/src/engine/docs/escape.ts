// Escaping for generated Markdown and HTML. Names and comments come from the database and may hold
// anything (`|`, `<script>`, backticks, newlines): they must render as text, never as markup.

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/** Inline Markdown text (also safe inside a table cell): markup characters escaped, lines joined with <br>. */
export function mdText(s: string): string {
  // Most names and comments need no escaping: skip the replacements (a 5,000-table schema has ~100k texts).
  if (!/[\\`*_[\]|~&<>"\r\n]/.test(s) && !/^\s*[-=#+\d]/.test(s)) return s;
  return s
    .replace(/[\\`*_[\]|~]/g, (c) => '\\' + c)
    .replace(/^(\s*)([#+])/, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])(?=\s|$)/, '$1$2\\$3')
    .replace(/[&<>"]/g, (c) => HTML[c]!)
    .replace(/^(\s*)([-=])/, '$1\\$2')
    .replace(/\r?\n/g, '<br>');
}

/** Code text for Markdown (inline, table-safe): an HTML <code> element so that nothing can break out. */
export function mdCode(s: string): string {
  if (s === '') return '';
  const simple = !/[`|\\\r\n<>&]/.test(s) && s.trim() === s;
  if (simple) return '`' + s + '`';
  return '<code>' + escapeHtml(s).replace(/\|/g, '&#124;').replace(/\r?\n/g, '<br>') + '</code>';
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function mdFence(s: string, lang = ''): string {
  const longest = Math.max(2, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${s.replace(/\s+$/, '')}\n${fence}`;
}

/** A Markdown link whose text is escaped; targets are our own generated relative paths. */
export function mdLink(text: string, target: string): string {
  return `[${mdText(text)}](${encodeURI(target).replace(/[()]/g, (c) => encodeURIComponent(c))})`;
}

/** GitHub-style heading anchor of a text. */
export function anchor(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}
