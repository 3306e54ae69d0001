// A file can name its dialect on its first line — `-- schemawise: dialect=mysql` — which wins over
// the connection's dialect (useful for a MySQL script opened while connected to PostgreSQL, or with
// no connection at all).
import type { DialectId } from '../schema/model';
import { isDialectId } from './dialect';

const DIRECTIVE = /^\s*(?:--|#)\s*schemawise:\s*dialect\s*=\s*([a-z]+)/i;
const ALIASES: Record<string, DialectId> = { postgresql: 'postgres', pg: 'postgres', mariadb: 'mysql', sqlserver: 'mssql', tsql: 'mssql' };

/** How many characters from the start of a text the directive is looked for in. */
export const DIRECTIVE_REACH = 200;

export function dialectDirective(text: string): DialectId | undefined {
  const firstLine = text.slice(0, Math.min(text.length, DIRECTIVE_REACH)).split('\n', 1)[0] ?? '';
  const name = DIRECTIVE.exec(firstLine)?.[1]?.toLowerCase();
  if (!name) return undefined;
  const id = ALIASES[name] ?? name;
  return isDialectId(id) ? id : undefined;
}

export type DialectOrigin = 'directive' | 'connection' | 'setting' | 'default';

/**
 * The one decision of a document's dialect, used by every feature (completion, hover, signature
 * help, navigation, diagnostics): the file's first-line directive, else the dialect of the loaded
 * schema (connection or snapshot), else the `schemawise.defaultDialect` setting, else PostgreSQL.
 */
export function chooseDocumentDialect(input: { text: string; connection?: DialectId; setting?: unknown }): { id: DialectId; origin: DialectOrigin } {
  const directive = dialectDirective(input.text);
  if (directive) return { id: directive, origin: 'directive' };
  if (input.connection) return { id: input.connection, origin: 'connection' };
  const setting = typeof input.setting === 'string' ? (ALIASES[input.setting.trim().toLowerCase()] ?? input.setting.trim().toLowerCase()) : undefined;
  if (isDialectId(setting)) return { id: setting, origin: 'setting' };
  return { id: 'postgres', origin: 'default' };
}
