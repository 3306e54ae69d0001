-- Stored functions and procedures of the selected databases.
SELECT ROUTINE_SCHEMA AS routine_schema,
       ROUTINE_NAME AS routine_name,
       ROUTINE_TYPE AS routine_type,
       DTD_IDENTIFIER AS return_type,
       ROUTINE_BODY AS routine_body,
       ROUTINE_COMMENT AS routine_comment
FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA IN (?)
ORDER BY ROUTINE_SCHEMA, ROUTINE_NAME
