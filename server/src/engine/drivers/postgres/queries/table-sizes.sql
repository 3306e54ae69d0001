-- On-disk size of tables and materialized views (heap + indexes + TOAST), for the docs. Volatile:
-- snapshots meant for Git leave it out.
SELECT
  n.nspname AS schema,
  c.relname AS table_name,
  pg_total_relation_size(c.oid)::float8 AS size_bytes
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
ORDER BY n.nspname, c.relname
