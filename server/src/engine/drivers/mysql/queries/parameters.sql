-- Routine parameters in order; ORDINAL_POSITION 0 is a function's return value (skipped by assembly).
SELECT SPECIFIC_SCHEMA AS routine_schema,
       SPECIFIC_NAME AS routine_name,
       ROUTINE_TYPE AS routine_type,
       ORDINAL_POSITION AS ordinal_position,
       PARAMETER_MODE AS parameter_mode,
       PARAMETER_NAME AS parameter_name,
       DTD_IDENTIFIER AS data_type
FROM information_schema.PARAMETERS
WHERE SPECIFIC_SCHEMA IN (?)
ORDER BY SPECIFIC_SCHEMA, SPECIFIC_NAME, ORDINAL_POSITION
