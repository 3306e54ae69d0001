-- Changes whenever a user function, a view, a policy, a user operator or the set of relations changes:
-- the firewall reloads its function safety when this differs from the value it was computed with.
SELECT md5(concat_ws('|',
  (SELECT string_agg(p.oid::text || ':' || p.xmin::text, ',' ORDER BY p.oid) FROM pg_proc p
     WHERE p.pronamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)),
  (SELECT string_agg(r.oid::text || ':' || r.xmin::text, ',' ORDER BY r.oid) FROM pg_rewrite r),
  (SELECT string_agg(x.oid::text || ':' || x.xmin::text, ',' ORDER BY x.oid) FROM pg_policy x),
  (SELECT string_agg(o.oid::text || ':' || o.xmin::text, ',' ORDER BY o.oid) FROM pg_operator o
     WHERE o.oprnamespace <> 'pg_catalog'::regnamespace),
  (SELECT count(*)::text || ':' || max(oid)::text FROM pg_class))) AS fingerprint
