// Diagnostics as the engine reports them: plain offsets into the document, no LSP types. The LSP
// adapter converts offsets to positions and severities to its own enum.

/** 'hint': optimization hints (advisor rules), shown by editors as faint suggestions. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type RuleSetting = Severity | 'off';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  range: { start: number; end: number };
  severity: Severity;
  /** Rule id, e.g. "syntax", "unknown-column", "update-without-where". */
  code: string;
  message: string;
  source: 'schemawise';
  fix?: QuickFix;
}

export interface DiagnosticsConfig {
  /** Per-rule severity override; 'off' silences a rule. */
  rules?: Record<string, RuleSetting>;
  /** Semantic checks against the schema (default true when a schema is given). */
  semantic?: boolean;
}

/** One statement of a document: its text and where it starts. */
export interface StatementSpan {
  start: number;
  end: number;
  text: string;
}

export function makeDiagnostic(code: string, severity: Severity, start: number, end: number, message: string, fix?: QuickFix): Diagnostic {
  const d: Diagnostic = { range: { start, end: Math.max(end, start) }, severity, code, message, source: 'schemawise' };
  if (fix) d.fix = fix;
  return d;
}
