// Date and time values exactly as PostgreSQL prints them, for both clients (node-postgres, PGlite).
//
// Both clients parse date/timestamp/timestamptz into JavaScript Dates by default, which invents an
// instant for values that have none: a `date` or a `timestamp without time zone` is read in the
// machine's time zone and later printed in UTC (`2021-01-01` under TZ=Asia/Tokyo became
// `2020-12-31T15:00:00.000Z`). The server's own text form is what psql shows: dates as `2021-01-01`,
// timestamps without a zone as written, timestamptz in the session's TimeZone, intervals as
// `1 day 02:00:00`. Keeping that text is the only form that is right under every TZ.
import pg from 'pg';

/** Scalar date/time types (date, time, timetz, timestamp, timestamptz, interval). */
export const DATE_TIME_OIDS: readonly number[] = [1082, 1083, 1266, 1114, 1184, 1186];
/** Their array types (_date, _time, _timetz, _timestamp, _timestamptz, _interval). */
export const DATE_TIME_ARRAY_OIDS: readonly number[] = [1182, 1183, 1270, 1115, 1185, 1187];

/** node-postgres's parser of text[]: an array of strings (nested as the value is), NULLs as null. */
const defaultParser = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (v: string) => unknown;
const parseTextArray = defaultParser(1009, 'text');

const asText = (v: string): string => v;

/**
 * The `types` option of a node-postgres client or pool: date/time values (and arrays of them) stay the
 * server's text, everything else is parsed as node-postgres does by default.
 */
export const postgresTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (v: string) => unknown {
    if (format !== 'binary') {
      if (DATE_TIME_OIDS.includes(oid)) return asText;
      if (DATE_TIME_ARRAY_OIDS.includes(oid)) return parseTextArray;
    }
    return defaultParser(oid, format);
  },
};

/** PGlite's `parsers` option (scalar types; PGlite applies the element parser to arrays itself). */
export function pgliteDateTimeParsers(): Record<number, (v: string) => unknown> {
  const parsers: Record<number, (v: string) => unknown> = {};
  for (const oid of DATE_TIME_OIDS) parsers[oid] = asText;
  for (const oid of DATE_TIME_ARRAY_OIDS) parsers[oid] = parseTextArray;
  return parsers;
}
