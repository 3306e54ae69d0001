// Formatting SQL inside the templates of a TS/JS file. Each whole-statement template is formatted on
// its own SQL, with every `${…}` standing in as a numbered parameter marker the formatter keeps, then
// written back with the substitutions exactly as they were. A template that formats to more than one
// line becomes a block: a line break after the opening backtick, the SQL one indent level deeper than
// the line the template starts on, the closing backtick on its own line at that line's indent.
//
// Never corrupting: a template is left exactly as written when it holds escape sequences (the SQL
// the database gets is the cooked string, which the raw text only spells), a format-off marker, text
// that looks like one of our markers, or when its SQL after formatting and re-indenting does not
// parse to the same statements as before (a multi-line string literal would change, for one).
import { formatSql, sameStatement, type FormatSettings } from '../features/formatting/format-sql';
import type { DialectId } from '../schema/model';
import type { EmbeddedSql, SqlRegion } from './embedded-sql';

export interface TemplateFormatEdit {
  /** Host offsets of the template's text (after the opening backtick, up to the closing one). */
  start: number;
  end: number;
  newText: string;
}

export interface TemplateFormatReport {
  edits: TemplateFormatEdit[];
  /** Templates formatted (whether or not their text changed). */
  formatted: number;
  /** Templates left as written, with the reason (for the log). */
  untouched: { start: number; reason: string }[];
}

/**
 * Edits that format the SQL templates of `hostText` overlapping [rangeStart, rangeEnd) (all of them
 * by default). `view` is the file's SQL view (its regions say which templates are whole statements).
 */
export function formatTemplates(hostText: string, view: EmbeddedSql, settings: FormatSettings, rangeStart = 0, rangeEnd = hostText.length): TemplateFormatReport {
  const report: TemplateFormatReport = { edits: [], formatted: 0, untouched: [] };
  for (const r of view.regions) {
    if (r.role !== 'statement' || !r.closed || r.end < rangeStart || r.start > rangeEnd) continue;
    const result = formatTemplate(hostText, r, view.dialect, settings);
    if (typeof result === 'string') {
      report.untouched.push({ start: r.start, reason: result });
      continue;
    }
    report.formatted++;
    if (result.newText !== hostText.slice(r.start, r.end)) report.edits.push(result);
  }
  return report;
}

/** The formatted template, or why it is left as written. */
export function formatTemplate(hostText: string, r: SqlRegion, dialect: DialectId, settings: FormatSettings): TemplateFormatEdit | string {
  const raw = hostText.slice(r.start, r.end);
  const pieces: string[] = [];
  let at = r.start;
  for (const p of r.placeholders) {
    pieces.push(hostText.slice(at, p.start));
    at = p.end;
  }
  pieces.push(hostText.slice(at, r.end));
  const sqlText = pieces.join('');
  if (sqlText.includes('\\')) return 'escape sequences in the template';
  if (/schemawise-format-(?:off|on)\b/i.test(sqlText)) return 'a format-off marker in the template';
  const markers = markerScheme(dialect, sqlText, r.placeholders.length);
  if (!markers) return 'text in the template looks like a parameter marker';
  const before = pieces.map((piece, i) => (i === 0 ? piece : markers[i - 1] + piece)).join('');

  const report = formatSql(before.trim(), dialect, settings);
  if (report.formatted === 0) return 'the SQL could not be formatted safely';
  let body = before.trim();
  for (const e of [...report.edits].sort((a, b) => b.start - a.start)) body = body.slice(0, e.start) + e.newText + body.slice(e.end);
  if (body.includes('`') || body.includes('${')) return 'the formatted SQL would need escaping';

  const lineStart = hostText.lastIndexOf('\n', r.start - 1) + 1;
  const indent = /^[ \t]*/.exec(hostText.slice(lineStart, r.start))![0];
  const unit = settings.useTabs ? '\t' : ' '.repeat(settings.tabWidth);
  const eol = hostText.includes('\r\n') ? '\r\n' : '\n';
  const block = body.includes('\n') || /^\s*\n/.test(raw);
  const content = block
    ? eol +
      body
        .split('\n')
        .map((l) => (l.trim() === '' ? '' : indent + unit + l))
        .join(eol) +
      eol +
      indent
    : body;
  // The final text, markers still in, must be the same statements as the template's (string
  // literals that span lines would have been re-indented).
  if (!sameStatement(before, content, dialect)) return 'formatting would change the statement';
  const newText = substitute(content, markers, r.placeholders.map((p) => hostText.slice(p.start, p.end)));
  if (newText === undefined) return 'a parameter marker moved or was lost';
  return { start: r.start, end: r.end, newText };
}

/**
 * One marker per substitution that the template's own text never contains: PostgreSQL `$n` numbered
 * after the template's own `$n` parameters, SQL Server `@pN` likewise, MySQL `?` (only when the
 * template has no `?` of its own: positional markers cannot be told apart).
 */
function markerScheme(dialect: DialectId, sqlText: string, count: number): string[] | undefined {
  if (dialect === 'mysql') return sqlText.includes('?') ? undefined : Array.from({ length: count }, () => '?');
  const pattern = dialect === 'postgres' ? /\$(\d+)/g : /@p(\d+)/gi;
  let base = 0;
  for (const m of sqlText.matchAll(pattern)) base = Math.max(base, Number(m[1]));
  const prefix = dialect === 'postgres' ? '$' : '@p';
  return Array.from({ length: count }, (_, i) => `${prefix}${base + 1 + i}`);
}

/** `content` with each marker replaced by its substitution; undefined unless each occurs exactly once, in order. */
function substitute(content: string, markers: string[], originals: string[]): string | undefined {
  if (markers.length === 0) return content;
  if (markers[0] === '?') {
    const parts = content.split('?');
    if (parts.length !== markers.length + 1) return undefined;
    return parts.map((p, i) => (i === 0 ? p : originals[i - 1] + p)).join('');
  }
  let out = '';
  let at = 0;
  for (let i = 0; i < markers.length; i++) {
    const re = new RegExp(`${markers[i]!.replace(/\$/g, '\\$')}(?!\\d)`, 'gi');
    const found = [...content.matchAll(re)];
    if (found.length !== 1 || found[0]!.index! < at) return undefined;
    out += content.slice(at, found[0]!.index) + originals[i];
    at = found[0]!.index! + markers[i]!.length;
  }
  return out + content.slice(at);
}

/**
 * The indentation a file uses (what an editor's "detect indentation" finds): tabs when more indented
 * lines start with a tab, else the most common step between consecutive indented lines (2 when none).
 */
export function detectIndentation(text: string): { tabSize: number; insertSpaces: boolean } {
  let tabs = 0;
  let spaces = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of text.split('\n', 10_000)) {
    if (line.trim() === '') continue;
    if (line.startsWith('\t')) tabs++;
    const width = /^ */.exec(line)![0].length;
    if (width > 0) spaces++;
    const step = Math.abs(width - previous);
    if (step > 0 && step <= 8) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = width;
  }
  if (tabs > spaces) return { tabSize: 4, insertSpaces: false };
  const best = [...steps].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  return { tabSize: best ? best[0] : 2, insertSpaces: true };
}
