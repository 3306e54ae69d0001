-- Foreign keys declared DEFERRABLE (ForeignKey.deferrable / initiallyDeferred).
SELECT
  n.nspname AS schema,
  c.relname AS table_name,
  con.conname AS name,
  con.condeferred AS initially_deferred
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype = 'f'
  AND con.condeferrable
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY n.nspname, c.relname, con.conname
