-- Runs after the sample rows are in.

-- The rows carry explicit ids, so move each identity sequence past the highest id: a user's own
-- INSERT without an id must not collide with the sample rows.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT n.nspname, c.relname, a.attname
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.attidentity <> '' AND NOT a.attisdropped AND n.nspname IN ('crm', 'sales', 'billing')
  LOOP
    EXECUTE format(
      'SELECT setval(pg_get_serial_sequence(%L, %L), coalesce((SELECT max(%I) FROM %I.%I), 0) + 1, false)',
      quote_ident(r.nspname) || '.' || quote_ident(r.relname), r.attname, r.attname, r.nspname, r.relname);
  END LOOP;
END
$$;

REFRESH MATERIALIZED VIEW sales.monthly_revenue;

-- Fresh statistics, so EXPLAIN on the sample shows the plans a real database would choose. Only
-- the sample's tables: a bare ANALYZE also walks the system catalogs and doubles the time.
DO $$
DECLARE
  t regclass;
BEGIN
  FOR t IN
    SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'm') AND n.nspname IN ('crm', 'sales', 'billing')
  LOOP
    EXECUTE format('ANALYZE %s', t);
  END LOOP;
END
$$;
