-- Synonyms with the name of the object they stand for, as SQL Server stores it: one to four
-- bracketed parts ([server].[database].[schema].[object]); resolved against the snapshot in
-- mssql-assemble.ts, so a query through a synonym is checked like one on its base table or view.
SELECT sn.object_id,
       s.name AS schema_name,
       sn.name AS synonym_name,
       sn.base_object_name
FROM sys.synonyms sn
JOIN sys.schemas s ON s.schema_id = sn.schema_id
ORDER BY s.name, sn.name
