// schemawise/generateDocs, checkDocs and docsPage: the editor's way to the docs engine, on the
// session's current schema. Failures (no schema, bad YAML, output folder that is a file) reach the
// client as ResponseErrors with the engine's message; the server keeps running.
import { join } from 'node:path';
import { ResponseError, type Connection } from 'vscode-languageserver/node';
import {
  diffDescriptions,
  diffSchemas,
  formatDrift,
  generateDocs,
  loadDocsInputs,
  loadErdBundle,
  readRecordedStructure,
  writeDocs,
} from '../engine/docs';
import { applyOverrides } from '../engine/docs/overrides';
import { emptyDocsFile } from '../engine/workspace/docs-file';
import { assignTablePages } from '../engine/docs/paths';
import type { SchemaSession } from '../engine/session';
import { CheckDocsRequest, DocsPageRequest, GenerateDocsRequest, SchemawiseErrorCodes, type SchemawiseErrorData } from '../protocol';
import type { Logger } from './logger';

/** The built server is dist/server/server-main.js; the ERD bundle is dist/webview/erd.js. */
const ERD_BUNDLE_DIRS = [join(__dirname, '..', 'webview')];

/** The workspace's docs.yml and glossary.yml; none without a workspace folder. */
function inputsOf(workspaceFolder: string | undefined) {
  return workspaceFolder ? loadDocsInputs(workspaceFolder) : Promise.resolve({ docsFile: emptyDocsFile(), glossary: [] });
}

export function registerDocs(connection: Connection, session: SchemaSession, log: Logger): void {
  const fail = (what: string, e: unknown) => {
    const message = log.scrub((e as Error)?.message ?? String(e));
    log.error(`${what} failed: ${message}`);
    return new ResponseError<SchemawiseErrorData>(SchemawiseErrorCodes.InvalidParams, message, {});
  };
  const noSchema = () => new ResponseError<SchemawiseErrorData>(SchemawiseErrorCodes.NotConnected, 'no schema is loaded: connect to a database or open the sample first', {});
  const badParams = (p: unknown) => typeof (p as { folder?: unknown })?.folder !== 'string' || !(p as { folder: string }).folder;

  connection.onRequest(GenerateDocsRequest.type, async (params) => {
    if (badParams(params)) return new ResponseError<SchemawiseErrorData>(SchemawiseErrorCodes.InvalidParams, 'schemawise/generateDocs needs a folder', {});
    if (!(await session.completeModel())) return noSchema();
    try {
      const stats = params.stats !== false;
      // The pages show table sizes, which the editor's introspection leaves out: the live schema is
      // read again with them (and becomes the session's schema, the freshest there is).
      if (stats && session.database) await session.refresh({ tableSizes: true });
      const model = await session.completeModel();
      if (!model) return noSchema();
      const inputs = await inputsOf(params.workspaceFolder);
      const format = params.format === 'html' ? 'html' : 'markdown';
      const erdBundle = format === 'html' ? await loadErdBundle(ERD_BUNDLE_DIRS) : undefined;
      const docs = generateDocs({ model, docsFile: inputs.docsFile, glossary: inputs.glossary }, { format, stats, ...(erdBundle ? { erdBundle } : {}) });
      const result = await writeDocs(params.folder, docs.files);
      log.info(`docs: ${model.tables.length} tables documented in ${params.folder} (${result.written} written, ${result.unchanged} unchanged, ${result.removed} removed)`);
      return { index: join(params.folder, docs.index), tables: model.tables.length, ...result, warnings: docs.warnings };
    } catch (e) {
      return fail('generateDocs', e);
    }
  });

  connection.onRequest(CheckDocsRequest.type, async (params) => {
    if (badParams(params)) return new ResponseError<SchemawiseErrorData>(SchemawiseErrorCodes.InvalidParams, 'schemawise/checkDocs needs a folder', {});
    if (!(await session.completeModel())) return noSchema();
    try {
      const recorded = await readRecordedStructure(params.folder);
      // The live schema, not the one cached at connect time.
      await session.refresh();
      const model = await session.completeModel();
      if (!model) return noSchema();
      const inputs = await inputsOf(params.workspaceFolder);
      const changes = [...diffSchemas(recorded.model, model), ...diffDescriptions(recorded.descriptions, applyOverrides(model, inputs.docsFile.tables).descriptions)];
      return { inSync: changes.length === 0, changes, report: formatDrift(changes) };
    } catch (e) {
      return fail('checkDocs', e);
    }
  });

  connection.onRequest(DocsPageRequest.type, async (params) => {
    const model = await session.completeModel();
    if (!model || badParams(params)) return null;
    const pages = assignTablePages(model.tables, '');
    const page = pages.get(`${params.schema}.${params.table}`);
    if (!page) return null;
    return { path: params.format === 'html' ? join(params.folder, 'index.html') : join(params.folder, ...`${page}.md`.split('/')) };
  });
}
