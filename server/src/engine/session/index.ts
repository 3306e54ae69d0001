export { SchemaSession, sampleConnection, type SchemaSessionOptions, type SchemaChangeListener } from './schema-session';
export { SessionError, type SessionErrorKind } from './session-error';
export type { SchemaStatus, SchemaSourceKind } from './status';
export { DocumentStore } from './document-store';
export { LiveChecker } from './live-checker';
