-- CHECK constraints (MariaDB 10.2+: CHECK_CONSTRAINTS names the table itself; names are unique per table).
SELECT CONSTRAINT_SCHEMA AS table_schema,
       TABLE_NAME AS table_name,
       CONSTRAINT_NAME AS constraint_name,
       CHECK_CLAUSE AS check_clause
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA IN (?)
ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME
