// The schema diff engine: compare two SchemaModels, plan a migration, render it or a report.
export { compareSchemas } from './compare';
export { changedTables } from './changed-tables';
export { migrationStatements, migrationSteps, renderMigration, type MigrationOptions, type MigrationStep } from './migration';
export { renderDiff, REPORT_FORMATS, type ReportFormat } from './report';
export { DiffError, type Change, type Hazard, type PlannedChange, type PossibleRename, type SchemaDiff } from './types';
