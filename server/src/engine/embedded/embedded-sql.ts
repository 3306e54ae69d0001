// The SQL view of a host file: a text of exactly the host's length and line breaks, holding the SQL
// of every top-level template at its own offsets and blanks everywhere else. The position map
// between host and SQL is therefore the identity: an offset, a line or a column in one is the same in
// the other, in multi-line templates and after any number of `${…}`. Each template ends with `;` on
// its closing backtick so consecutive templates never run into one statement.
import type { DialectId } from '../schema/model';
import { blank, maskPlaceholder } from './placeholders';
import type { SqlTemplate } from './scan';
import { isWholeStatement } from './statement-kind';

export type RegionRole = 'statement' | 'fragment' | 'nested';

export interface SqlRegion extends SqlTemplate {
  /**
   * statement: analysed like a .sql file. fragment: completion and hover only (a piece of a query).
   * nested: a template inside another one's `${…}` (blank in the SQL view, which holds the outer one).
   */
  role: RegionRole;
  /** Nested templates only: their own SQL (same length), and whether it is a whole statement (a subquery `sql\`SELECT …\``). */
  nestedSql?: string;
  nestedStatement?: boolean;
}

export interface EmbeddedSql {
  /** Host-length SQL view: SQL at the templates' offsets, blanks elsewhere. */
  text: string;
  regions: SqlRegion[];
  dialect: DialectId;
}

export function embeddedSql(hostText: string, templates: readonly SqlTemplate[], dialect: DialectId): EmbeddedSql {
  const parts: string[] = [];
  const regions: SqlRegion[] = [];
  let at = 0;
  for (const t of templates) {
    if (t.nested || t.start < at) {
      const sql = templateSql(hostText, t, dialect);
      regions.push({ ...t, role: 'nested', nestedSql: sql, nestedStatement: isWholeStatement(sql) });
      continue;
    }
    parts.push(blank(hostText.slice(at, t.start)));
    const sql = templateSql(hostText, t, dialect);
    parts.push(sql);
    at = t.end;
    if (t.closed) {
      parts.push(';');
      at = t.end + 1;
    }
    regions.push({ ...t, role: isWholeStatement(sql) ? 'statement' : 'fragment' });
  }
  parts.push(blank(hostText.slice(at)));
  return { text: parts.join(''), regions, dialect };
}

/** The SQL of one template at its host offsets (length t.end - t.start). */
export function templateSql(hostText: string, t: SqlTemplate, dialect: DialectId): string {
  const parts: string[] = [];
  let at = t.start;
  // Whether an escaped backtick opened a quoted name that is still open, across substitutions.
  const state = { inBacktick: false };
  t.placeholders.forEach((p, i) => {
    parts.push(unescapeRaw(hostText.slice(at, p.start), state));
    parts.push(maskPlaceholder(hostText.slice(p.start, p.end), dialect, i + 1));
    at = p.end;
  });
  parts.push(unescapeRaw(hostText.slice(at, t.end), state));
  return parts.join('');
}

/**
 * A template's raw text as SQL, same length: `\x` escapes become the character they stand for and a
 * blank. The blank goes where it cannot split a name: before an opening escaped backtick, after a
 * closing one (MySQL's \`name\` becomes ` `name` `, the name at its own offsets). `\n`, `\t` and
 * friends are whitespace in SQL anyway; a backslash before a line break is a line continuation.
 */
export function unescapeRaw(raw: string, state: { inBacktick: boolean } = { inBacktick: false }): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  let inBacktick = state.inBacktick;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '`') inBacktick = !inBacktick; // cannot happen unescaped in a raw template, kept for safety
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const next = raw[++i]!;
    if (next === '`') {
      out += inBacktick ? '` ' : ' `';
      inBacktick = !inBacktick;
    } else if (next === '\n' || next === '\r') out += ' ' + next;
    else if ('nrtbfv0'.includes(next)) out += '  ';
    else out += ' ' + next;
  }
  state.inBacktick = inBacktick;
  return out;
}

/** The region whose SQL contains the offset (template bounds inclusive, never inside a `${…}`), for a role set. */
export function regionAt(view: EmbeddedSql, offset: number, roles: readonly RegionRole[] = ['statement', 'fragment']): SqlRegion | undefined {
  for (const r of view.regions) {
    if (r.start > offset) break;
    if (offset > r.end || !roles.includes(r.role)) continue;
    if (r.placeholders.some((p) => p.start < offset && offset < p.end)) return undefined;
    return r;
  }
  return undefined;
}
