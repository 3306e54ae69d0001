-- The relations each view or materialized view reads from (through its rewrite rule in pg_depend),
-- as "schema.name", so that a migration can drop and recreate dependent views in order.
SELECT DISTINCT
  vn.nspname AS schema,
  v.relname AS table_name,
  rn.nspname || '.' || r.relname AS depends_on
FROM pg_rewrite rw
JOIN pg_class v ON v.oid = rw.ev_class
JOIN pg_namespace vn ON vn.oid = v.relnamespace
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid AND d.refclassid = 'pg_class'::regclass
JOIN pg_class r ON r.oid = d.refobjid AND r.oid <> v.oid
JOIN pg_namespace rn ON rn.oid = r.relnamespace
WHERE v.relkind IN ('v', 'm')
  AND vn.nspname NOT IN ('pg_catalog', 'information_schema')
  AND rn.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1, 2, 3
