-- Domains (CREATE DOMAIN) with their base type, NOT NULL, default and CHECK constraints.
SELECT
  n.nspname AS schema,
  t.typname AS name,
  format_type(t.typbasetype, t.typtypmod) AS base_type,
  NOT t.typnotnull AS nullable,
  t.typdefault AS default_expr,
  (
    SELECT json_agg(json_build_object('name', c.conname, 'expression', pg_get_expr(c.conbin, 0)) ORDER BY c.conname)
    FROM pg_constraint c
    WHERE c.contypid = t.oid AND c.contype = 'c'
  ) AS checks,
  obj_description(t.oid, 'pg_type') AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'd'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
  )
ORDER BY n.nspname, t.typname
