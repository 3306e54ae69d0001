-- Every function of the database, built-in and user-defined, for the firewall's function safety
-- (engine/safety/function-safety.ts): volatility, language, the body of user functions, whether an
-- extension installed it, and the support functions of aggregates. One row per function.
SELECT
  p.oid::int8::text AS id,
  n.nspname AS schema,
  p.proname AS name,
  p.prokind::text AS kind,
  p.provolatile::text AS volatility,
  l.lanname AS language,
  CASE WHEN n.nspname IN ('pg_catalog', 'information_schema') THEN NULL ELSE p.prosrc END AS body,
  n.nspname IN ('pg_catalog', 'information_schema') AS builtin,
  EXISTS (
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  ) AS extension,
  coalesce((
    SELECT string_agg(x::int8::text, ',')
    FROM unnest(ARRAY[a.aggtransfn::oid, a.aggfinalfn::oid, a.aggcombinefn::oid, a.aggserialfn::oid,
                      a.aggdeserialfn::oid, a.aggmtransfn::oid, a.aggminvtransfn::oid, a.aggmfinalfn::oid]) AS x
    WHERE x <> 0
  ), '') AS support
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
