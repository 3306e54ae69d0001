// SQL in application code: templates found in TS/JS with exact position maps, their diagnostics, and
// the `schemawise check` runner with its output formats.
export { DEFAULT_TAGS, findSqlTemplates, hostDialectDirective, type Placeholder, type ScanOptions, type SqlTemplate } from './scan';
export { embeddedSql, regionAt, templateSql, unescapeRaw, type EmbeddedSql, type RegionRole, type SqlRegion } from './embedded-sql';
export { placeholderMarker } from './placeholders';
export { isWholeStatement } from './statement-kind';
export { diagnoseEmbedded } from './diagnose';
export { parameterTypes, type ParameterType } from './parameter-types';
export { HOST_EXTENSIONS, HOST_LANGUAGE_IDS, hostKindOfDocument, hostKindOfPath, type HostKind } from './host-files';
export { expandInputs, isCheckableFile, type ExpandedInputs } from './files';
export { checkFiles, checkText, lineStarts, position, type CheckFinding, type CheckOptions, type CheckReport } from './check';
export { CHECK_FORMATS, formatGithub, formatJson, formatSarif, formatText, summaryLine, type CheckFormat } from './report';
export { detectIndentation, formatTemplate, formatTemplates, type TemplateFormatEdit, type TemplateFormatReport } from './format';
