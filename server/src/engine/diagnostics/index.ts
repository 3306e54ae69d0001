// Public surface of the diagnostics engine (pure functions over text + schema snapshot).
export { DiagnosticsEngine, loadPgParser, type DiagnoseInput } from './engine';
export { RULES, ruleMeta, effectiveSeverity, type RuleMeta } from './rules';
export { splitStatements } from './splitter';
export { liveCheck, type PrepareCallback, type PrepareError } from './live-check';
export type { Diagnostic, DiagnosticsConfig, QuickFix, RuleSetting, Severity, TextEdit } from './types';
