export { SchemaSession, sampleConnection, type SchemaSessionOptions, type SchemaChangeListener, type SessionConnectOptions } from './schema-session';
export { SchemaCache, schemaCacheKey } from './schema-cache';
export { defaultStateDir } from './state-dir';
export { SessionError, type SessionErrorKind } from './session-error';
export type { SchemaStatus, SchemaSourceKind } from './status';
export { DocumentStore } from './document-store';
export { LiveChecker } from './live-checker';
