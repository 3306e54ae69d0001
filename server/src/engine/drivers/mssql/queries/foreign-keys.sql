-- Foreign keys with column pairs in key order and ON UPDATE / ON DELETE actions.
SELECT fk.parent_object_id AS object_id,
       fk.name AS constraint_name,
       fkc.constraint_column_id,
       pc.name AS column_name,
       rs.name AS ref_schema_name,
       rt.name AS ref_table_name,
       rc.name AS ref_column_name,
       fk.update_referential_action_desc AS on_update,
       fk.delete_referential_action_desc AS on_delete
FROM sys.foreign_keys fk
JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
JOIN sys.objects rt ON rt.object_id = fkc.referenced_object_id
JOIN sys.schemas rs ON rs.schema_id = rt.schema_id
JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
ORDER BY fk.parent_object_id, fk.name, fkc.constraint_column_id
