// An inline code span that survives backticks inside (MySQL quotes names with them): CommonMark
// closes a span with a backtick run as long as the one that opened it.
export function code(text: string): string {
  if (!text.includes('`')) return '`' + text + '`';
  const longest = Math.max(...(text.match(/`+/g) ?? ['']).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
}
