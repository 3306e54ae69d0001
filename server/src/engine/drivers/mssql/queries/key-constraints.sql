-- PRIMARY KEY and UNIQUE constraints with their key columns in key order.
SELECT kc.parent_object_id AS object_id,
       kc.name AS constraint_name,
       RTRIM(kc.type) AS constraint_type,
       c.name AS column_name,
       ic.key_ordinal
FROM sys.key_constraints kc
JOIN sys.index_columns ic ON ic.object_id = kc.parent_object_id AND ic.index_id = kc.unique_index_id
JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
WHERE ic.is_included_column = 0
ORDER BY kc.parent_object_id, kc.name, ic.key_ordinal
