// What a SchemaSession currently holds, in a form safe to show and send (no passwords).
import type { DialectId } from '../schema/model';

export type SchemaSourceKind = 'none' | 'snapshot' | 'database';

export interface SchemaStatus {
  source: SchemaSourceKind;
  /** Display name of the source: the connection name or the snapshot path. Never holds a password. */
  label?: string;
  dialect?: DialectId;
  database?: string;
  serverVersion?: string;
  tableCount: number;
  /** ISO-8601 time the schema was captured. */
  capturedAt?: string;
  /**
   * The schema is the one cached from an earlier session (per-user schema cache) while the live
   * introspection runs; absent once the live schema is in.
   */
  cached?: boolean;
  /**
   * The schema is the preview of the live introspection (tables, views, columns, enums, routines)
   * while constraints, indexes and the rest are read (IntrospectOptions.onPreview); absent once the
   * complete schema is in. Like `cached`, schema checks wait for the complete one.
   */
  partial?: boolean;
}
