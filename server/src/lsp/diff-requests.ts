// schemawise/compareSchemas: the diff engine over the live schema of the session and snapshot files.
// Returns the markdown report and the migration SQL for the client to open in editors; nothing runs.
import { basename } from 'node:path';
import { ResponseError, type Connection } from 'vscode-languageserver/node';
import { changedTables, compareSchemas, DiffError, renderDiff } from '../engine/diff';
import type { SchemaModel } from '../engine/schema/model';
import { loadSnapshot, SnapshotError } from '../engine/schema/snapshot';
import type { SchemaSession } from '../engine/session';
import { CompareSchemasRequest, SchemawiseErrorCodes, type DiffSource, type SchemawiseErrorData } from '../protocol';
import type { Logger } from './logger';

class SourceError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function registerDiffRequests(connection: Connection, session: SchemaSession, log: Logger): void {
  const load = async (s: DiffSource): Promise<{ model: SchemaModel; label: string }> => {
    if (s?.kind === 'live') {
      const model = await session.completeModel();
      if (!model) throw new SourceError(SchemawiseErrorCodes.NotConnected, 'no schema is loaded: connect to a database first');
      return { model, label: `${model.database} (live)` };
    }
    if (s?.kind === 'snapshot' && typeof s.path === 'string' && s.path) return { model: await loadSnapshot(s.path), label: basename(s.path) };
    throw new SourceError(SchemawiseErrorCodes.InvalidParams, 'each side must be {"kind": "live"} or {"kind": "snapshot", "path": "…"}');
  };

  connection.onRequest(CompareSchemasRequest.type, async (params) => {
    try {
      const [from, to] = await Promise.all([load(params?.from), load(params?.to)]);
      const diff = compareSchemas(from.model, to.model, { fromLabel: from.label, toLabel: to.label });
      const options = { allowDestructive: params.allowDestructive === true, database: from.model.database };
      return {
        equal: diff.changes.length === 0,
        report: renderDiff(diff, 'markdown', options),
        sql: diff.dialect === 'mssql' ? undefined : renderDiff(diff, 'sql', options),
        changedTables: changedTables(diff),
      };
    } catch (e) {
      const message = log.scrub((e as Error)?.message ?? String(e));
      log.warn(`compareSchemas failed: ${message}`);
      if (e instanceof SourceError) return new ResponseError<SchemawiseErrorData>(e.code, message, {});
      if (e instanceof SnapshotError) return new ResponseError<SchemawiseErrorData>(SchemawiseErrorCodes.SnapshotInvalid, message, {});
      if (e instanceof DiffError) return new ResponseError<SchemawiseErrorData>(SchemawiseErrorCodes.InvalidParams, message, {});
      return new ResponseError<SchemawiseErrorData>(SchemawiseErrorCodes.InvalidParams, `cannot compare the schemas: ${message}`, {});
    }
  });
}
