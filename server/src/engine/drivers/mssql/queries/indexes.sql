-- Indexes of user tables and views (not heaps, not hypothetical), key columns then included columns.
SELECT i.object_id,
       i.index_id,
       i.name AS index_name,
       i.type_desc,
       i.is_unique,
       i.is_primary_key,
       i.has_filter,
       i.filter_definition,
       c.name AS column_name,
       ic.key_ordinal,
       ic.is_descending_key,
       ic.is_included_column
FROM sys.indexes i
JOIN sys.objects o ON o.object_id = i.object_id AND o.type IN ('U', 'V') AND o.is_ms_shipped = 0
JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
WHERE i.type > 0 AND i.is_hypothetical = 0
ORDER BY i.object_id, i.index_id, ic.is_included_column, ic.key_ordinal, ic.index_column_id
