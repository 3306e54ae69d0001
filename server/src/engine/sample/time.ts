// Calendar helpers for the sample data. All times are UTC epoch milliseconds and the data covers a
// fixed window, so loading it today or in five years gives the same rows.

export const DAY = 24 * 60 * 60 * 1000;
export const HOUR = 60 * 60 * 1000;

/** Orders, tickets and invoices start here... */
export const DATA_START = Date.UTC(2023, 0, 1);
/** ...and nothing happens after this instant (the "today" of the sample company). */
export const DATA_AS_OF = Date.UTC(2025, 5, 30, 23, 59, 59);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** timestamptz literal text, e.g. '2024-03-05 14:07:00+00'. */
export function timestamp(ms: number): string {
  const d = new Date(ms);
  return `${date(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+00`;
}

/** date literal text, e.g. '2024-03-05'. */
export function date(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Midnight UTC of the day containing ms. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** Same day of month, months later (clamped to the month's last day, like PostgreSQL's interval arithmetic). */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** Rounds to whole minutes, so timestamps look like people made them. */
export function toMinute(ms: number): number {
  return Math.floor(ms / 60000) * 60000;
}
