-- Server product/version, the connection's database and whether table names are case-sensitive
-- (lower_case_table_names = 0) (run once at connect).
SELECT VERSION() AS version, DATABASE() AS current_database, @@lower_case_table_names AS lower_case_table_names
