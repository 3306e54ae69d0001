-- Server identity and name resolution: version, current database and the effective search_path.
SELECT
  current_setting('server_version') AS server_version,
  current_database() AS database,
  to_json(current_schemas(false)::text[]) AS search_path
