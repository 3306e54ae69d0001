// The function catalog the firewall checks reads against (types.ts RoutineCatalog), read in bulk with
// three queries in one rolled-back read-only transaction, whatever the number of functions and views.
// A cheap fingerprint query tells whether a cached catalog is still current.
import type { CatalogEdge, CatalogRelation, CatalogRoutine, RoutineCatalog } from '../types';
import type { TxSession } from './read-only';
import routinesSql from './queries/safety-routines.sql';
import edgesSql from './queries/safety-edges.sql';
import relationsSql from './queries/safety-relations.sql';
import fingerprintSql from './queries/safety-fingerprint.sql';

export async function catalogFingerprint(tx: TxSession): Promise<string> {
  const r = await tx.query(fingerprintSql);
  return String(r.rows[0]?.[0] ?? '');
}

export async function loadRoutineCatalog(tx: TxSession): Promise<RoutineCatalog> {
  const fingerprint = await catalogFingerprint(tx);
  const routines: CatalogRoutine[] = (await tx.query(routinesSql)).rows.map((r) => ({
    id: String(r[0]),
    schema: String(r[1]),
    name: String(r[2]),
    kind: String(r[3]),
    volatility: String(r[4]),
    language: String(r[5]),
    body: r[6] === null || r[6] === undefined ? undefined : String(r[6]),
    builtin: r[7] === true || r[7] === 't',
    extension: r[8] === true || r[8] === 't',
    support: String(r[9] ?? '')
      .split(',')
      .filter(Boolean),
  }));
  const edges: CatalogEdge[] = (await tx.query(edgesSql)).rows.map((r) => ({
    fromKind: r[0] === 'routine' ? 'routine' : 'relation',
    fromId: String(r[1]),
    toKind: r[2] === 'routine' ? 'routine' : 'relation',
    toId: String(r[3]),
  }));
  const relations: CatalogRelation[] = [];
  const operators: RoutineCatalog['operators'] = [];
  for (const r of (await tx.query(relationsSql)).rows) {
    if (r[0] === 'operator') operators.push({ name: String(r[3]), routineId: String(r[1]) });
    else relations.push({ id: String(r[1]), schema: String(r[2]), name: String(r[3]), kind: String(r[4]) });
  }
  return { dialect: 'postgres', routines, relations, edges, operators, fingerprint };
}
