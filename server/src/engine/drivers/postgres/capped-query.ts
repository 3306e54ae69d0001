// One statement whose rows are capped by the wire protocol itself: the extended protocol's Execute
// message carries a row limit, so the server sends at most `cap` rows and then suspends the portal,
// which is closed without fetching more. Whatever the statement's text looks like (comments, nested
// comments, parentheses, SHOW, EXPLAIN, RETURNING), no more than `cap` rows ever reach this process.
import pg from 'pg';

export interface CappedResult {
  fields: { name: string; dataTypeID: number }[];
  rows: unknown[][];
  affected: number | null;
  /** The server had more rows than the cap (the portal was suspended and closed). */
  suspended: boolean;
}

interface WireConnection {
  close(msg: { type: 'P' | 'S'; name: string }): void;
  sync(): void;
}

type QueryCtor = new (config: Record<string, unknown>, values: undefined, callback: (err: Error | null, res: pg.QueryResult) => void) => {
  portal: string;
  handlePortalSuspended(connection: WireConnection): void;
  handleError(err: unknown, connection: WireConnection): void;
};

/** node-postgres' own Query, with a portal suspension that ends the query instead of fetching on. */
export function cappedQuery(client: pg.ClientBase, text: string, cap: number): Promise<CappedResult> {
  const Base = (pg as unknown as { Query: QueryCtor }).Query;
  return new Promise((resolve, reject) => {
    let suspended = false;
    const query = new Base({ text, rowMode: 'array', rows: Math.max(1, Math.floor(cap)), queryMode: 'extended' }, undefined, (err, res) => {
      if (err) return reject(err);
      resolve({ fields: res.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })), rows: res.rows as unknown[][], affected: suspended ? null : res.rowCount, suspended });
    });
    query.handlePortalSuspended = (connection: WireConnection) => {
      suspended = true;
      connection.close({ type: 'P', name: query.portal || '' });
      connection.sync();
    };
    // With a row limit node-postgres sends no Sync after Execute, and after an error the server
    // ignores everything until one: send it, or the connection would wait forever. (Only for the
    // server's errors; a row that fails to parse is reported at ReadyForQuery, after the Sync.)
    const baseHandleError = query.handleError.bind(query);
    query.handleError = (err: unknown, connection: WireConnection) => {
      if (err instanceof pg.DatabaseError) connection.sync();
      baseHandleError(err, connection);
    };
    void (client.query as unknown as (q: unknown) => unknown)(query);
  });
}
