-- User schemas (not sys, INFORMATION_SCHEMA, guest or the fixed db_* role schemas), with owner and comment.
SELECT s.schema_id,
       s.name AS schema_name,
       p.name AS owner_name,
       CAST(ep.value AS nvarchar(4000)) AS comment
FROM sys.schemas s
LEFT JOIN sys.database_principals p ON p.principal_id = s.principal_id
LEFT JOIN sys.extended_properties ep
  ON ep.class = 3 AND ep.major_id = s.schema_id AND ep.minor_id = 0 AND ep.name = N'MS_Description'
WHERE s.name NOT IN (N'sys', N'INFORMATION_SCHEMA', N'guest')
  AND s.schema_id < 16384
ORDER BY s.name
