// Recognises a `-- question` comment line, the place where "Generate SQL" is offered: a line that is
// only a `--` comment holding words, not a directive (schemawise: …, schemawise-disable…) and not
// commented-out SQL. An optional "Q:" / "?" / "ask:" prefix is dropped.

const COMMENT = /^\s*--+\s?(.*?)\s*$/;
const DIRECTIVE = /^schemawise(?::|-disable)/i;
const COMMENTED_SQL = /^(select|insert|update|delete|with|create|alter|drop|truncate|grant|revoke|merge|explain|set|begin|commit|rollback)\b[\s\S]*(\bfrom\b|\binto\b|\bset\b|\btable\b|;|\*|=)/i;
const PREFIX = /^(?:q|question|ask|nl|\?)\s*[:?]?\s+/i;

/** The question of a comment line, or undefined when the line is not a question comment. */
export function questionOfLine(line: string): string | undefined {
  const m = COMMENT.exec(line);
  if (!m) return undefined;
  const text = m[1]!.replace(PREFIX, '').trim();
  if (DIRECTIVE.test(m[1]!.trim()) || COMMENTED_SQL.test(text)) return undefined;
  // At least two words with letters: "TODO" or "----" is not a question.
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 2 || text.length > 4000) return undefined;
  return text;
}
