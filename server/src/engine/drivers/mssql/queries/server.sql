-- Product/version, the current database and the login's default schema.
SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version,
       CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition,
       DB_NAME() AS database_name,
       SCHEMA_NAME() AS default_schema
