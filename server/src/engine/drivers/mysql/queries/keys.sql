-- Primary and unique key columns, in key order.
SELECT tc.TABLE_SCHEMA AS table_schema,
       tc.TABLE_NAME AS table_name,
       tc.CONSTRAINT_NAME AS constraint_name,
       tc.CONSTRAINT_TYPE AS constraint_type,
       k.COLUMN_NAME AS column_name,
       k.ORDINAL_POSITION AS ordinal_position
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.KEY_COLUMN_USAGE k
  ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA
 AND k.TABLE_NAME = tc.TABLE_NAME
 AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_SCHEMA IN (?)
  AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE')
ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION
