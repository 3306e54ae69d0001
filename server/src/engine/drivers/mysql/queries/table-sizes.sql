-- On-disk size of each table (data + indexes), for the docs. Views have none.
SELECT TABLE_SCHEMA AS table_schema,
       TABLE_NAME AS table_name,
       DATA_LENGTH + INDEX_LENGTH AS size_bytes
FROM information_schema.TABLES
WHERE TABLE_SCHEMA IN (?)
  AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')
  AND DATA_LENGTH IS NOT NULL
ORDER BY TABLE_SCHEMA, TABLE_NAME
