-- Primary keys, foreign keys, unique and check constraints of user tables. Key columns come as JSON
-- arrays in key order; for foreign keys the referenced columns are paired position by position
-- (unnest of conkey and confkey together keeps composite keys aligned).
SELECT
  n.nspname AS schema,
  c.relname AS table_name,
  con.conname AS name,
  con.contype::text AS contype,
  (
    SELECT json_agg(a.attname ORDER BY k.ord)
    FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
  ) AS columns,
  rn.nspname AS ref_schema,
  rc.relname AS ref_table,
  (
    SELECT json_agg(a.attname ORDER BY k.ord)
    FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
  ) AS ref_columns,
  con.confupdtype::text AS on_update,
  con.confdeltype::text AS on_delete,
  CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END AS check_expr,
  con.condeferrable AS deferrable,
  con.condeferred AS initially_deferred
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.contype IN ('p', 'f', 'u', 'c')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
  )
ORDER BY n.nspname, c.relname, con.conname
