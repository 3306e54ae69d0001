-- Server product/version and the connection's database (run once at connect).
SELECT VERSION() AS version, DATABASE() AS current_database
