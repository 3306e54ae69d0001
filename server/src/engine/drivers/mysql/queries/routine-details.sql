-- Routine details for the docs: determinism (the only volatility MySQL declares), SQL SECURITY and
-- the body as stored (information_schema does not print the full CREATE statement).
SELECT ROUTINE_SCHEMA AS routine_schema,
       ROUTINE_NAME AS routine_name,
       ROUTINE_TYPE AS routine_type,
       IS_DETERMINISTIC AS is_deterministic,
       SQL_DATA_ACCESS AS sql_data_access,
       SECURITY_TYPE AS security_type,
       ROUTINE_DEFINITION AS routine_definition
FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA IN (?)
ORDER BY ROUTINE_SCHEMA, ROUTINE_NAME
