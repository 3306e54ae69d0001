// Diagnostics of the SQL in a host file, shared by the language server and `schemawise check` so an
// editor and CI always agree. Each whole-statement template is diagnosed on its own (an unterminated
// quote in one template cannot swallow the next one), offsets shifted back to the host.
//
// What is left out, on purpose (right answers before many answers):
// - fragments, nested ones included (not meant to parse alone); a nested whole statement (a
//   subquery sql`SELECT …` inside another template's `${…}`) is checked on its own SQL;
// - a syntax error touching a `${…}`: the substitution was an identifier, a list or a whole clause
//   (sql(table), sql(ids), ${where}) that no parameter marker can stand for, so the error is ours.
import type { Diagnostic, DiagnosticsConfig, DiagnosticsEngine } from '../diagnostics';
import type { SchemaIndex } from '../schema/schema-index';
import type { EmbeddedSql, SqlRegion } from './embedded-sql';

export interface EmbeddedDiagnoseInput {
  view: EmbeddedSql;
  schema?: SchemaIndex;
  config?: DiagnosticsConfig;
}

export function diagnoseEmbedded(engine: DiagnosticsEngine, { view, schema, config }: EmbeddedDiagnoseInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const region of view.regions) {
    const text = region.role === 'statement' ? view.text.slice(region.start, region.end) : region.nestedStatement ? region.nestedSql : undefined;
    if (text === undefined) continue;
    for (const d of engine.diagnose({ text, dialect: view.dialect, schema, config })) {
      const shifted = shift(d, region.start);
      if (d.code === 'syntax' && touchesPlaceholder(shifted, region)) continue;
      out.push(shifted);
    }
  }
  return out;
}

function shift(d: Diagnostic, by: number): Diagnostic {
  const out: Diagnostic = { ...d, range: { start: d.range.start + by, end: d.range.end + by } };
  if (d.fix) out.fix = { title: d.fix.title, edits: d.fix.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) };
  return out;
}

/** Inclusive on both ends: an error reported right before or right after `${…}` is about it. */
function touchesPlaceholder(d: Diagnostic, region: SqlRegion): boolean {
  return region.placeholders.some((p) => d.range.start <= p.end && p.start <= d.range.end);
}
