-- Functions, procedures, aggregates and window functions (not those an extension installed). The
-- parameter list covers all arguments (OUT and TABLE too) with name, type and mode in order;
-- pronargdefaults says how many trailing input arguments have defaults; pg_get_functiondef gives
-- the full CREATE OR REPLACE text (not for aggregates, which it cannot print).
SELECT
  n.nspname AS schema,
  p.proname AS name,
  p.prokind::text AS prokind,
  (
    SELECT json_agg(json_build_object(
      'name', p.proargnames[t.ord],
      'type', format_type(t.typ, NULL),
      'mode', coalesce(p.proargmodes[t.ord]::text, 'i')
    ) ORDER BY t.ord)
    FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY AS t(typ, ord)
  ) AS params,
  p.pronargdefaults AS n_defaults,
  CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END AS return_type,
  l.lanname AS language,
  obj_description(p.oid, 'pg_proc') AS comment,
  p.provolatile::text AS volatility,
  p.prosecdef AS security_definer,
  CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_get_functiondef(p.oid) END AS definition
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  )
ORDER BY n.nspname, p.proname, p.oid
