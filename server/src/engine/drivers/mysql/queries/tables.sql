-- Tables and views of the selected databases, with comments, row estimates and view text.
SELECT t.TABLE_SCHEMA AS table_schema,
       t.TABLE_NAME AS table_name,
       t.TABLE_TYPE AS table_type,
       t.TABLE_COMMENT AS table_comment,
       t.TABLE_ROWS AS table_rows,
       v.VIEW_DEFINITION AS view_definition
FROM information_schema.TABLES t
LEFT JOIN information_schema.VIEWS v
  ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME
WHERE t.TABLE_SCHEMA IN (?)
ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME
