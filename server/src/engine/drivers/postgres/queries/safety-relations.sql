-- Relations a statement can read by name (tables, views, materialized views, foreign and
-- partitioned tables), and the functions of user-defined operators.
SELECT 'relation' AS what, c.oid::int8::text AS id, n.nspname AS schema, c.relname AS name, c.relkind::text AS kind
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
UNION ALL
SELECT 'operator', o.oprcode::oid::int8::text, n.nspname, o.oprname, ''
FROM pg_operator o
JOIN pg_namespace n ON n.oid = o.oprnamespace
WHERE n.nspname <> 'pg_catalog' AND o.oprcode::oid <> 0
