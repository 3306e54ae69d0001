-- Columns of user tables and views with type, nullability, default, identity, computed text and comment.
SELECT c.object_id,
       c.column_id,
       c.name AS column_name,
       t.name AS type_name,
       t.is_user_defined,
       bt.name AS base_type_name,
       c.max_length,
       c.precision,
       c.scale,
       c.is_nullable,
       c.is_identity,
       c.is_computed,
       cc.definition AS computed_definition,
       cc.is_persisted,
       dc.definition AS default_definition,
       CAST(ic.seed_value AS nvarchar(40)) AS identity_seed,
       CAST(ic.increment_value AS nvarchar(40)) AS identity_increment,
       CAST(ep.value AS nvarchar(4000)) AS comment
FROM sys.columns c
JOIN sys.objects o ON o.object_id = c.object_id AND o.type IN ('U', 'V') AND o.is_ms_shipped = 0
JOIN sys.types t ON t.user_type_id = c.user_type_id
LEFT JOIN sys.types bt ON bt.user_type_id = t.system_type_id AND t.is_user_defined = 1
LEFT JOIN sys.computed_columns cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
LEFT JOIN sys.default_constraints dc ON dc.object_id = c.default_object_id
LEFT JOIN sys.identity_columns ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id
LEFT JOIN sys.extended_properties ep
  ON ep.class = 1 AND ep.major_id = c.object_id AND ep.minor_id = c.column_id AND ep.name = N'MS_Description'
ORDER BY c.object_id, c.column_id
