-- CHECK constraints (MySQL 8.0.16+: the table comes from TABLE_CONSTRAINTS; names are unique per schema).
SELECT tc.TABLE_SCHEMA AS table_schema,
       tc.TABLE_NAME AS table_name,
       cc.CONSTRAINT_NAME AS constraint_name,
       cc.CHECK_CLAUSE AS check_clause
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.CHECK_CONSTRAINTS cc
  ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_SCHEMA IN (?)
  AND tc.CONSTRAINT_TYPE = 'CHECK'
ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, cc.CONSTRAINT_NAME
