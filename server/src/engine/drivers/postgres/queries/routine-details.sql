-- Routine details for the docs: volatility, SECURITY DEFINER and the full CREATE statement
-- (pg_get_functiondef refuses aggregates). arg_types identifies overloads the same way as the
-- parameter list of routines.sql.
SELECT
  n.nspname AS schema,
  p.proname AS name,
  (
    SELECT json_agg(format_type(t.typ, NULL) ORDER BY t.ord)
    FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY AS t(typ, ord)
  ) AS arg_types,
  p.provolatile::text AS volatility,
  p.prosecdef AS security_definer,
  CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) END AS definition
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  )
ORDER BY n.nspname, p.proname, p.oid
