// `.schemawise/docs.yml`: descriptions kept in Git instead of (or on top of) database comments, and
// the docs lint settings.
//
//   tables:
//     public.customer:                  # or just "customer" when the name is unique
//       description: People and companies that buy from us.
//       columns:
//         email: Primary contact address, unique per customer.
//   lint:
//     minCoverage: 80
//     naming: snake_case
//     disable: [fk-without-index]
import { isMap, isScalar } from 'yaml';
import { checkKeys, mapEntries, readYamlFile, scalarText, textList, WorkspaceFileError, type YamlSource } from './yaml-file';

export const DOCS_FILE = '.schemawise/docs.yml';

export interface TableDocOverride {
  /** The key as written: "table" or "schema.table". */
  table: string;
  description?: string;
  columns: Record<string, string>;
  source: string;
  /** "file:line" of each column entry. */
  columnSources: Record<string, string>;
}

export interface DocsLintSettings {
  minCoverage?: number;
  naming?: string;
  disable: string[];
}

export interface DocsFile {
  tables: TableDocOverride[];
  lint: DocsLintSettings;
}

export function emptyDocsFile(): DocsFile {
  return { tables: [], lint: { disable: [] } };
}

export function docsFromYaml(src: YamlSource): DocsFile {
  const top = mapEntries(src, src.root, 'the docs file');
  checkKeys(src, top, ['tables', 'lint'], 'the docs file');
  const out = emptyDocsFile();
  for (const [key, keyNode, value] of top) {
    if (key === 'tables') {
      for (const [table, tableKey, body] of mapEntries(src, value, '"tables"')) {
        const o: TableDocOverride = { table, columns: {}, source: src.where(tableKey), columnSources: {} };
        if (isScalar(body)) {
          // Shorthand: `customer: People who buy` is the table's description.
          const d = scalarText(src, body, `the description of ${table}`)?.trim();
          if (d) o.description = d;
        } else if (body != null) {
          if (!isMap(body)) throw new WorkspaceFileError(`${src.where(body)}: ${table} must be a description or a mapping with "description" and "columns"`);
          const entries = mapEntries(src, body, table);
          checkKeys(src, entries, ['description', 'columns'], table);
          for (const [k, , v] of entries) {
            if (k === 'description') {
              const d = scalarText(src, v, `the description of ${table}`)?.trim();
              if (d) o.description = d;
            } else {
              for (const [col, colKey, cv] of mapEntries(src, v, `the columns of ${table}`)) {
                const d = scalarText(src, cv, `the description of ${table}.${col}`)?.trim();
                o.columnSources[col] = src.where(colKey);
                if (d) o.columns[col] = d;
              }
            }
          }
        }
        out.tables.push(o);
      }
    } else if (key === 'lint') {
      const entries = mapEntries(src, value, '"lint"');
      checkKeys(src, entries, ['minCoverage', 'naming', 'disable'], '"lint"');
      for (const [k, kn, v] of entries) {
        if (k === 'minCoverage') {
          const n = Number(scalarText(src, v, '"minCoverage"'));
          if (!Number.isFinite(n) || n < 0 || n > 100) throw new WorkspaceFileError(`${src.where(v ?? kn)}: "minCoverage" must be a percentage between 0 and 100`);
          out.lint.minCoverage = n;
        } else if (k === 'naming') out.lint.naming = scalarText(src, v, '"naming"');
        else out.lint.disable = textList(src, v, '"disable"');
      }
    } else void keyNode;
  }
  return out;
}

export async function loadDocsFile(path: string): Promise<DocsFile> {
  const src = await readYamlFile(path);
  return src ? docsFromYaml(src) : emptyDocsFile();
}
