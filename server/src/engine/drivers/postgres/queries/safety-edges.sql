-- What runs when a relation is read or a function is called, from pg_depend: the functions and
-- relations each view's rewrite rule uses, those of each row-level security policy (which run when
-- its table is read), and those of SQL-standard function bodies (BEGIN ATOMIC). An operator counts as
-- its function. Transitive closure is computed by the caller.
WITH deps AS (
  SELECT 'relation' AS from_kind, r.ev_class AS from_id, d.refclassid, d.refobjid
  FROM pg_rewrite r
  JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
  JOIN pg_class c ON c.oid = r.ev_class
  WHERE c.relkind = 'v' AND d.refobjid <> r.ev_class
  UNION
  SELECT 'relation', pol.polrelid, d.refclassid, d.refobjid
  FROM pg_policy pol
  JOIN pg_depend d ON d.classid = 'pg_policy'::regclass AND d.objid = pol.oid
  WHERE d.refobjid <> pol.polrelid
  UNION
  SELECT 'routine', d.objid, d.refclassid, d.refobjid
  FROM pg_depend d
  WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'n'
)
SELECT DISTINCT
  from_kind,
  from_id::int8::text AS from_id,
  CASE WHEN refclassid = 'pg_class'::regclass THEN 'relation' ELSE 'routine' END AS to_kind,
  (CASE WHEN refclassid = 'pg_operator'::regclass THEN (SELECT o.oprcode::oid FROM pg_operator o WHERE o.oid = refobjid) ELSE refobjid END)::int8::text AS to_id
FROM deps
WHERE refclassid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_operator'::regclass)
