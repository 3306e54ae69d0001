-- User tables and views with comment, row count (heap or clustered index partitions) and view text.
SELECT o.object_id,
       s.name AS schema_name,
       o.name AS table_name,
       RTRIM(o.type) AS object_type,
       CAST(ep.value AS nvarchar(4000)) AS comment,
       (SELECT SUM(p.rows) FROM sys.partitions p WHERE p.object_id = o.object_id AND p.index_id IN (0, 1)) AS row_count,
       m.definition AS view_definition
FROM sys.objects o
JOIN sys.schemas s ON s.schema_id = o.schema_id
LEFT JOIN sys.extended_properties ep
  ON ep.class = 1 AND ep.major_id = o.object_id AND ep.minor_id = 0 AND ep.name = N'MS_Description'
LEFT JOIN sys.sql_modules m ON m.object_id = o.object_id AND o.type = 'V'
WHERE o.type IN ('U', 'V') AND o.is_ms_shipped = 0
ORDER BY s.name, o.name
