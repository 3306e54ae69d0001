// Public surface of natural language → SQL (engine layer: no editor, no LSP types).
export { askDatabase, type AskOptions } from './ask-database';
export { linkSchema, selectSchema, DEFAULT_BUDGET_TOKENS, type LinkedSchema, type LinkedTable, type LinkingOptions, type SampleValueSource } from './linking/link-schema';
export { renderTable } from './linking/render';
export { extractSql, type ExtractedAnswer } from './extract-sql';
export { validateCandidate, type ExplainCheck, type ValidationReport } from './validate';
export { classifyStatement } from './classify';
export { tablesUsed } from './tables-used';
export { translateOffline, type Translation } from './offline/translate';
export { OfflineProvider } from './providers/offline-provider';
export { OpenAiProvider, type OpenAiProviderConfig } from './providers/openai-provider';
export { createProvider, type ProviderSettings } from './providers/create-provider';
export { explainWith, valueProbeWith, sampleValuesWith } from './driver-callbacks';
export { scrubSecret } from './errors';
export { ProviderError, type ProviderErrorKind } from './errors';
export { estimateTokens } from './words';
export type * from './types';
