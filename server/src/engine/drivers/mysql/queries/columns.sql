-- Every column of every table and view of the selected databases, in table order.
SELECT TABLE_SCHEMA AS table_schema,
       TABLE_NAME AS table_name,
       COLUMN_NAME AS column_name,
       ORDINAL_POSITION AS ordinal_position,
       COLUMN_TYPE AS column_type,
       DATA_TYPE AS data_type,
       IS_NULLABLE AS is_nullable,
       COLUMN_DEFAULT AS column_default,
       EXTRA AS extra,
       GENERATION_EXPRESSION AS generation_expression,
       COLUMN_COMMENT AS column_comment,
       COLLATION_NAME AS collation_name
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA IN (?)
ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION
