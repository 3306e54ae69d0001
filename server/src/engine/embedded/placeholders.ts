// What a `${…}` substitution becomes in the SQL the features see: the dialect's own parameter marker
// (PostgreSQL `$1`, MySQL `?`, SQL Server `@p1`), padded with blanks to the exact length of the
// substitution (line breaks kept), so every offset after it is the same in the host file and in
// the SQL.
import type { DialectId } from '../schema/model';

/** The marker for the n-th substitution (1-based) that fits in `room` characters. */
export function placeholderMarker(dialect: DialectId, n: number, room: number): string {
  const wanted = dialect === 'mysql' ? '?' : dialect === 'mssql' ? `@p${n}` : `$${n}`;
  if (wanted.length <= room) return wanted;
  // `${x}` has 4 characters: only a 1000th PostgreSQL ($1000) or 100th SQL Server (@p100) marker can
  // be too long. Reuse a shorter number: the statement still parses the same.
  return dialect === 'mssql' ? '@p1' : '$1';
}

/** The substitution's text replaced by the marker and blanks, line breaks kept. */
export function maskPlaceholder(raw: string, dialect: DialectId, n: number): string {
  const marker = placeholderMarker(dialect, n, raw.length);
  return marker + blank(raw.slice(marker.length));
}

/** Spaces in place of every character but line breaks (so line numbers never move). */
export function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}
