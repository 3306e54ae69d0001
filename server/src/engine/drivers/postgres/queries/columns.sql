-- Columns of every user relation: type as PostgreSQL prints it, nullability, whether there is a
-- default or a generation expression, identity, comment, the enum type when the column is an enum,
-- and a collation that differs from the type's default. Phase 1 of the introspection (introspect.ts):
-- the expressions' text comes with column-defaults.sql in phase 2, because pg_get_expr() per default
-- is most of this query's time (5k tables, 10k defaults: ~375 → ~165 ms on a fresh backend).
SELECT
  -- The table by oid (relations.sql has it): no schema and table name strings per column.
  a.attrelid AS relid,
  a.attname AS name,
  a.attnum AS ordinal,
  format_type(a.atttypid, a.atttypmod) AS data_type,
  NOT a.attnotnull AS nullable,
  a.atthasdef AS has_default,
  a.attgenerated::text AS generated,
  a.attidentity::text AS identity,
  dsc.description AS comment,
  CASE WHEN t.typtype = 'e' THEN tn.nspname || '.' || t.typname END AS enum_ref,
  CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
    (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation)
  END AS collation
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_namespace tn ON tn.oid = t.typnamespace
-- A join rather than col_description(): one hash join instead of a lookup per column (5k tables: 510 → 344 ms).
LEFT JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = a.attnum
WHERE a.attnum > 0
  AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
  )
-- No ORDER BY: sorting 75,000 wide rows (5k tables) spilled ~16 MB to disk; introspect.ts puts each
-- table's columns in attnum order itself.
