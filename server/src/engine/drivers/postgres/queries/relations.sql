-- Tables, partitioned tables, views, materialized views and foreign tables with comment, row estimate
-- and view text. reltuples < 0 (PostgreSQL 14+) means "never analysed".
SELECT
  c.oid AS relid,
  n.nspname AS schema,
  c.relname AS name,
  c.relkind::text AS relkind,
  dsc.description AS comment,
  c.reltuples::float8 AS reltuples,
  CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS view_definition
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
-- A join rather than obj_description(): one hash join instead of a lookup per relation (5k: ~70 → ~50 ms).
LEFT JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
  )
ORDER BY n.nspname, c.relname
