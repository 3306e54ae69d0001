// Public surface of safe execution: classification, the firewall, the executor and the audit log.
export { classifySql } from './classify';
export { checkSql, checkStatements, formatRefusal, preview } from './firewall';
export { runSql, type RunSqlOptions, type RunSqlResult, type StatementRun, type WriteCapableDriver } from './executor';
export { confirmationsFor, isProductionConnection, isWrite, type ConfirmPolicy } from './confirm-policy';
export { AuditLog, DEFAULT_AUDIT_LOG, sha256, type AuditEntry, type AuditLogOptions, type AuditOutcome } from './audit';
export { maskSecrets } from './mask';
export { deniedFunction, isWaitFunction } from './deny-lists';
export type { ClassifiedStatement, Confirmation, FirewallMode, FirewallOptions, FirewallRule, FirewallVerdict, Refusal, StatementKind } from './types';
