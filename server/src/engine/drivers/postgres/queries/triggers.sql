-- User triggers (not the internal ones behind foreign keys) with timing, events, level and the full
-- CREATE TRIGGER text. tgtype bits: 1 row, 2 before, 4 insert, 8 delete, 16 update, 32 truncate,
-- 64 instead of.
SELECT
  n.nspname AS schema,
  c.relname AS table_name,
  t.tgname AS name,
  t.tgtype::int AS tgtype,
  pg_get_triggerdef(t.oid, true) AS definition,
  obj_description(t.oid, 'pg_trigger') AS comment
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
ORDER BY n.nspname, c.relname, t.tgname
