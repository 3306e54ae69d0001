// The contract between the Schemawise client (client/src) and language server (server/src/lsp):
// every custom request and notification, declared once and imported by both sides. Besides the
// vscode-languageserver-protocol types, this file imports engine *types* only, so the client never
// pulls engine code into its bundle.
/* eslint-disable @typescript-eslint/no-namespace -- one namespace per request with `method` and `type`, as in vscode-eslint's customMessages.ts */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { DialectId, SchemaModel } from './engine/schema/model';
import type { ConnectionConfig } from './engine/drivers/types';
import type { DriverErrorKind } from './engine/drivers/errors';
import type { SchemaSourceKind, SchemaStatus } from './engine/session/status';

export type { SchemaModel, DialectId, ConnectionConfig };
/** What the server currently knows (source, dialect, table count); returned by connect/disconnect/refresh and sent with schemaChanged. */
export type { SchemaStatus, SchemaSourceKind };

/** A connection from the client (password included, from SecretStorage), or the bundled sample database. */
export type ConnectParams = ConnectionConfig | { sample: true };

/** `data` of a ResponseError from connect/refresh: the driver's failure category when there is one. */
export interface SchemawiseErrorData {
  kind?: DriverErrorKind;
}

/** Error codes of ResponseErrors the server returns from the custom requests. */
export namespace SchemawiseErrorCodes {
  /** Connecting or introspecting failed (bad credentials, unreachable host, …); the message says why. */
  export const ConnectFailed = -32010;
  /** A schema snapshot file could not be read or is not a valid snapshot. */
  export const SnapshotInvalid = -32011;
  /** The request needs a database connection and there is none. */
  export const NotConnected = -32012;
  /** The request's parameters are malformed. */
  export const InvalidParams = -32602;
}

/** client → server: connect to a database (errors: ResponseError with code ConnectFailed/InvalidParams and data.kind) (replacing the current source) and introspect it. */
export namespace ConnectRequest {
  export const method = 'schemawise/connect' as const;
  export const type = new RequestType<ConnectParams, SchemaStatus, SchemawiseErrorData>(method);
}

/** client → server: close the database connection; the schema becomes empty. */
export namespace DisconnectRequest {
  export const method = 'schemawise/disconnect' as const;
  export const type = new RequestType0<SchemaStatus, SchemawiseErrorData>(method);
}

/** client → server: introspect the database again (or reload the snapshot file). */
export namespace RefreshSchemaRequest {
  export const method = 'schemawise/refreshSchema' as const;
  export const type = new RequestType0<SchemaStatus, SchemawiseErrorData>(method);
}

/** client → server: the current SchemaModel (for the tree view), or null when there is none. */
export namespace GetSchemaRequest {
  export const method = 'schemawise/getSchema' as const;
  export const type = new RequestType0<SchemaModel | null, void>(method);
}

/** client → server: the current schema status without the model. */
export namespace GetStatusRequest {
  export const method = 'schemawise/getStatus' as const;
  export const type = new RequestType0<SchemaStatus, void>(method);
}

/** server → client: the schema was loaded, refreshed or dropped; fetch it again with getSchema. */
export namespace SchemaChangedNotification {
  export const method = 'schemawise/schemaChanged' as const;
  export const type = new NotificationType<SchemaStatus>(method);
}
