// Units of time in questions and in columns: "longer than 5 minutes" against a column that holds
// milliseconds must compare with 300000. The unit of a column comes from its name
// (milliseconds, duration_sec, length_minutes) or its comment ("in seconds"); a column whose unit
// is unknown is never compared with a number given in a unit: the translator declines instead.
import type { ColumnInfo } from '../../schema/model';

export type TimeUnit = 'ms' | 's' | 'min' | 'h' | 'day';

/** Milliseconds per unit. */
const MS: Record<TimeUnit, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, day: 86_400_000 };

/** The unit a question word names ("minutes", "secs", "hrs"), if any. */
export function unitOfWord(word: string): TimeUnit | undefined {
  const w = word.toLowerCase();
  if (/^(ms|msecs?|millis|milliseconds?)$/.test(w)) return 'ms';
  if (/^(s|secs?|seconds?)$/.test(w)) return 's';
  if (/^(mins?|minutes?)$/.test(w)) return 'min';
  if (/^(h|hrs?|hours?)$/.test(w)) return 'h';
  if (/^(days?)$/.test(w)) return 'day';
  return undefined;
}

/** The time unit a numeric column holds, from its name, then its comment. */
export function unitOfColumn(c: ColumnInfo): TimeUnit | undefined {
  for (const part of c.name.split(/[_\s]+|(?<=[a-z])(?=[A-Z])/)) {
    const u = unitOfWord(part);
    if (u && u !== 's' && part.length > 1) return u;
    if (/^(sec|secs|seconds)$/i.test(part)) return 's';
  }
  const comment = c.comment ?? '';
  const m = /\b(?:in|as|unit:?)\s+(milliseconds|ms|seconds|secs|minutes|mins|hours|days)\b/i.exec(comment);
  return m ? unitOfWord(m[1]!) : undefined;
}

/** Factor that converts a value in `from` into `to` (multiply). */
export function unitFactor(from: TimeUnit, to: TimeUnit): number {
  return MS[from] / MS[to];
}

export function unitName(u: TimeUnit): string {
  return { ms: 'milliseconds', s: 'seconds', min: 'minutes', h: 'hours', day: 'days' }[u];
}
