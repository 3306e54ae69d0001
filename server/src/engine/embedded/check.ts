// `schemawise check` without the command line: diagnostics of .sql files and of the SQL templates in
// TS/JS files against one schema, as findings with 1-based lines and columns of the source file.
// The same per-file decisions as the editor: the dialect directive, then the schema's dialect; the
// schema is used only for files of its dialect (a MySQL file next to a PostgreSQL snapshot gets
// syntax and lint checks, never "unknown table" for every name).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Diagnostic, DiagnosticsConfig, DiagnosticsEngine, Severity } from '../diagnostics';
import { splitStatements } from '../diagnostics';
import { emptyModel, type DialectId } from '../schema/model';
import { SchemaIndex } from '../schema/schema-index';
import { chooseDocumentDialect, dialectDirective } from '../sql/dialect-directive';
import { diagnoseEmbedded } from './diagnose';
import { embeddedSql } from './embedded-sql';
import { hostKindOfPath } from './host-files';
import { findSqlTemplates, hostDialectDirective } from './scan';

export interface CheckFinding {
  /** As given or found (relative to the working directory). */
  file: string;
  /** 1-based line and column (UTF-16 code units, like editors and SARIF). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
}

export interface CheckReport {
  files: number;
  /** Statements in .sql files plus whole-statement templates. */
  queries: number;
  /** Templates that are fragments or nested in another template (not diagnosed). */
  fragments: number;
  findings: CheckFinding[];
  /** Files that could not be read, with the reason. */
  unreadable: { file: string; reason: string }[];
}

export interface CheckOptions {
  cwd: string;
  /** The schema to check names against (its dialect is the default dialect). */
  schema?: SchemaIndex;
  /** Dialect when there is no schema and no directive. */
  dialect?: DialectId;
  tags?: readonly string[];
  config?: DiagnosticsConfig;
}

export async function checkFiles(engine: DiagnosticsEngine, files: readonly string[], options: CheckOptions): Promise<CheckReport> {
  const report: CheckReport = { files: 0, queries: 0, fragments: 0, findings: [], unreadable: [] };
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(resolve(options.cwd, file), 'utf8');
    } catch (e) {
      report.unreadable.push({ file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
      continue;
    }
    report.files++;
    const { diagnostics, queries, fragments } = checkText(engine, file, text, options);
    report.queries += queries;
    report.fragments += fragments;
    const lines = lineStarts(text);
    for (const d of diagnostics) report.findings.push(toFinding(file, d, lines));
  }
  return report;
}

/** Diagnostics of one file's text (offsets into it), by its extension: .sql or a TS/JS host. */
export function checkText(engine: DiagnosticsEngine, file: string, text: string, options: Omit<CheckOptions, 'cwd'>): { diagnostics: Diagnostic[]; queries: number; fragments: number } {
  const kind = hostKindOfPath(file);
  const connection = options.schema?.dialect.id;
  if (!kind) {
    const dialect = chooseDocumentDialect({ text, connection, setting: options.dialect }).id;
    const schema = schemaFor(options.schema, dialect);
    return { diagnostics: engine.diagnose({ text, dialect, schema, config: options.config }), queries: splitStatements(text, dialect).length, fragments: 0 };
  }
  const templates = findSqlTemplates(text, { kind, tags: options.tags, fileName: file });
  if (templates.length === 0) return { diagnostics: [], queries: 0, fragments: 0 };
  const directive = hostDialectDirective(text);
  const dialect = (directive && dialectDirective(`-- schemawise: dialect=${directive}`)) || chooseDocumentDialect({ text: '', connection, setting: options.dialect }).id;
  const view = embeddedSql(text, templates, dialect);
  const statements = view.regions.filter((r) => r.role === 'statement' || r.nestedStatement).length;
  return {
    diagnostics: diagnoseEmbedded(engine, { view, schema: schemaFor(options.schema, dialect), config: options.config }),
    queries: statements,
    fragments: view.regions.length - statements,
  };
}

function schemaFor(schema: SchemaIndex | undefined, dialect: DialectId): SchemaIndex | undefined {
  if (!schema) return undefined;
  return schema.dialect.id === dialect ? schema : new SchemaIndex(emptyModel(dialect, '', []));
}

function toFinding(file: string, d: Diagnostic, lines: number[]): CheckFinding {
  const start = position(lines, d.range.start);
  const end = position(lines, d.range.end);
  return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, severity: d.severity, rule: d.code, message: d.message };
}

/** Offsets where lines start; a line ends at \n, \r\n or \r (as in LSP). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line and column of an offset. */
export function position(lines: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lines[lo]! + 1 };
}
