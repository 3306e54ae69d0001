-- Sequences that are not the hidden sequence of an identity column (those belong to the column):
-- data type, start, increment, bounds, cycle, and the OWNED BY column of a serial.
SELECT
  n.nspname AS schema,
  c.relname AS name,
  format_type(s.seqtypid, NULL) AS data_type,
  s.seqstart::text AS start_value,
  s.seqincrement::text AS increment,
  s.seqmin::text AS min_value,
  s.seqmax::text AS max_value,
  s.seqcycle AS cycle,
  (
    SELECT tn.nspname || '.' || tc.relname || '.' || a.attname
    FROM pg_depend d
    JOIN pg_class tc ON tc.oid = d.refobjid
    JOIN pg_namespace tn ON tn.oid = tc.relnamespace
    JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
      AND d.deptype = 'a' AND d.refobjsubid > 0
    LIMIT 1
  ) AS owned_by
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'i')
  )
ORDER BY n.nspname, c.relname
