-- Databases ("schemas") the user can see, without the system ones.
SELECT SCHEMA_NAME AS schema_name,
       DEFAULT_CHARACTER_SET_NAME AS charset
FROM information_schema.SCHEMATA
WHERE SCHEMA_NAME NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
ORDER BY SCHEMA_NAME
