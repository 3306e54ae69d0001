-- Columns whose type is a domain: "schema.name" of the domain (ColumnInfo.domainRef).
SELECT
  n.nspname AS schema,
  c.relname AS table_name,
  a.attname AS name,
  tn.nspname || '.' || t.typname AS domain_ref
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid AND t.typtype = 'd'
JOIN pg_namespace tn ON tn.oid = t.typnamespace
WHERE a.attnum > 0
  AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
ORDER BY n.nspname, c.relname, a.attnum
