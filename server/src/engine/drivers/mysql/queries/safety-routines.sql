-- Stored functions and procedures of every database but the system ones, with their bodies, and every
-- view with its definition: the firewall checks what a read calls (engine/safety/function-safety.ts).
SELECT 'routine' AS what, ROUTINE_SCHEMA AS sch, ROUTINE_NAME AS name, ROUTINE_TYPE AS kind, ROUTINE_DEFINITION AS body
FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema')
UNION ALL
SELECT 'view', TABLE_SCHEMA, TABLE_NAME, 'VIEW', VIEW_DEFINITION
FROM information_schema.VIEWS
WHERE TABLE_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema')
