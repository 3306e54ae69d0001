// Every command the extension registers. commands.ts must implement each (its table is keyed by this
// type) and a unit test checks that package.json contributes exactly these, so the three never drift.
export const COMMAND_IDS = [
  'schemawise.connect',
  'schemawise.disconnect',
  'schemawise.refreshSchema',
  'schemawise.openSample',
  'schemawise.addConnection',
  'schemawise.forgetPassword',
  'schemawise.showLog',
  'schemawise.restartServer',
  // Running SQL (client/src/run)
  'schemawise.runStatement',
  'schemawise.runSelection',
  'schemawise.runFile',
  'schemawise.cancelQuery',
  'schemawise.explain',
  'schemawise.explainAnalyze',
  // ERD panel (client/src/erd)
  'schemawise.showErd',
  'schemawise.showErdForTable',
  // Natural language → SQL (client/src/nl2sql)
  'schemawise.askDatabase',
  'schemawise.generateSqlFromComment',
  'schemawise.explainSql',
  'schemawise.optimizeSql',
  'schemawise.applyRewrite',
  'schemawise.setAiApiKey',
  // Documentation (client/src/docs)
  'schemawise.generateDocs',
  'schemawise.showDocumentation',
  'schemawise.checkDocs',
  // Index advisor (client/src/advisor)
  'schemawise.suggestIndexes',
  'schemawise.suggestIndexesForFile',
  // Schema diff (client/src/diff)
  'schemawise.compareSchemas',
  // Mock data (client/src/mock)
  'schemawise.generateMockData',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
