// Which dialect (and which schema) the features use for one open document. The decision itself is
// the engine's chooseDocumentDialect (directive, then the loaded schema's dialect, then the
// `schemawise.defaultDialect` setting of the document's resource); this adds the schema to use: the
// loaded one when it is of that dialect, otherwise an empty schema of the document's dialect (a
// MySQL script opened while connected to PostgreSQL completes MySQL keywords and functions, not
// PostgreSQL tables under MySQL rules). The setting is read only when it can matter (no directive,
// nothing loaded), so the common case costs no round trip to the client.
import type { Connection, Position, Range } from 'vscode-languageserver/node';
import { emptyModel, type DialectId } from '../engine/schema/model';
import { SchemaIndex } from '../engine/schema/schema-index';
import type { SchemaSession } from '../engine/session';
import { chooseDocumentDialect, DIRECTIVE_REACH, type DialectOrigin } from '../engine/sql/dialect-directive';

export interface DocumentDialect {
  id: DialectId;
  origin: DialectOrigin;
  /** Index the features use: the session's, or an empty one of the document's dialect. */
  index: SchemaIndex;
  /** True when `index` holds the loaded schema (diagnostics then check names against it). */
  hasSchema: boolean;
}

export type DocumentDialectResolver = (uri: string, text: string) => Promise<DocumentDialect>;

/**
 * The start of a document, which is all the dialect decision reads (a directive on the first line):
 * a 20k-line file is not joined into one string for it on every keystroke.
 */
export function dialectHead(doc: { getText(range?: Range): string; positionAt(offset: number): Position }): string {
  return doc.getText({ start: { line: 0, character: 0 }, end: doc.positionAt(DIRECTIVE_REACH) });
}

/** `directiveOf`: a directive found outside the text's first line (a TS/JS file's `// schemawise: dialect=…`). */
export function documentDialectResolver(session: SchemaSession, readDefaultDialect: (uri: string) => Promise<unknown>, directiveOf?: (uri: string) => DialectId | undefined): DocumentDialectResolver {
  const empty = new Map<DialectId, SchemaIndex>();
  const emptyIndex = (id: DialectId) => {
    let index = empty.get(id);
    if (!index) empty.set(id, (index = new SchemaIndex(emptyModel(id, '', []))));
    return index;
  };
  return async (uri, text) => {
    const loaded = session.model?.dialect;
    const directive = directiveOf?.(uri);
    let choice: { id: DialectId; origin: DialectOrigin } = directive ? { id: directive, origin: 'directive' } : chooseDocumentDialect({ text, connection: loaded });
    if (choice.origin === 'default') choice = chooseDocumentDialect({ text, setting: await readDefaultDialect(uri).catch(() => undefined) });
    const same = session.index.dialect.id === choice.id;
    return { ...choice, index: same ? session.index : emptyIndex(choice.id), hasSchema: same && session.model !== undefined };
  };
}

/**
 * `schemawise.defaultDialect` of a document's resource through workspace/configuration, or the
 * initializationOptions' `defaultDialect` for clients without configuration.
 */
export async function readDefaultDialect(connection: Connection, uri: string, canReadConfiguration: boolean, init: { defaultDialect?: DialectId }): Promise<unknown> {
  if (!canReadConfiguration) return init.defaultDialect;
  const section: unknown = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'schemawise' });
  return typeof section === 'object' && section !== null ? (section as { defaultDialect?: unknown }).defaultDialect : undefined;
}
