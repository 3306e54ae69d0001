-- Procedures and functions (scalar, inline and multi-statement table-valued, CLR), with comments.
SELECT o.object_id,
       s.name AS schema_name,
       o.name AS routine_name,
       RTRIM(o.type) AS object_type,
       CAST(ep.value AS nvarchar(4000)) AS comment
FROM sys.objects o
JOIN sys.schemas s ON s.schema_id = o.schema_id
LEFT JOIN sys.extended_properties ep
  ON ep.class = 1 AND ep.major_id = o.object_id AND ep.minor_id = 0 AND ep.name = N'MS_Description'
WHERE o.type IN ('P', 'PC', 'FN', 'IF', 'TF', 'FS', 'FT', 'AF') AND o.is_ms_shipped = 0
ORDER BY s.name, o.name
