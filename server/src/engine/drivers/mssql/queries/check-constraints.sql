-- CHECK constraints with their expression text.
SELECT cc.parent_object_id AS object_id,
       cc.name AS constraint_name,
       cc.definition
FROM sys.check_constraints cc
ORDER BY cc.parent_object_id, cc.name
