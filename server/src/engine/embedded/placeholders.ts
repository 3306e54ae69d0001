// What a `${…}` substitution becomes in the SQL the features see: the dialect's own parameter marker
// (PostgreSQL `$1`, MySQL `?`, SQL Server `@p1`), padded with blanks to the exact length of the
// substitution (line breaks kept), so every offset after it is the same in the host file and in
// the SQL.
import type { DialectId } from '../schema/model';

/** The marker for the n-th substitution (1-based) that fits in `room` characters (room >= 2). */
export function placeholderMarker(dialect: DialectId, n: number, room: number): string {
  const wanted = dialect === 'mysql' ? '?' : dialect === 'mssql' ? `@p${n}` : `$${n}`;
  if (wanted.length <= room) return wanted;
  // Only a long number (\$1000 in `\${x}`) or a substitution whose `\${` ends its line can lack room:
  // reuse a shorter marker; the statement parses the same (`@p` is a valid T-SQL variable).
  if (dialect === 'mssql') return room >= 3 ? '@p1' : '@p';
  return '$1';
}

/**
 * The substitution's text replaced by the marker and blanks, line breaks kept: the marker goes on the
 * first line of the substitution with room for it (`\${` alone on its line leaves only two columns).
 */
export function maskPlaceholder(raw: string, dialect: DialectId, n: number): string {
  const lines = raw.split(/(\r\n|\r|\n)/); // odd indexes hold the line breaks
  const wanted = placeholderMarker(dialect, n, Number.MAX_SAFE_INTEGER);
  let at = lines.findIndex((l, i) => i % 2 === 0 && l.length >= wanted.length);
  if (at === -1) at = 0; // the first line holds at least `\${`
  const marker = placeholderMarker(dialect, n, lines[at]!.length);
  return lines.map((l, i) => (i % 2 === 1 ? l : i === at ? marker + blank(l.slice(marker.length)) : blank(l))).join('');
}

/** Spaces in place of every character but line breaks (so line numbers never move). */
export function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}
