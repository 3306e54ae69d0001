-- Routine parameters in order; parameter_id 0 is a scalar function's return value.
SELECT p.object_id,
       p.parameter_id,
       p.name AS parameter_name,
       t.name AS type_name,
       p.max_length,
       p.precision,
       p.scale,
       p.is_output,
       p.has_default_value,
       p.is_readonly
FROM sys.parameters p
JOIN sys.objects o ON o.object_id = p.object_id
JOIN sys.types t ON t.user_type_id = p.user_type_id
WHERE o.type IN ('P', 'PC', 'FN', 'IF', 'TF', 'FS', 'FT', 'AF') AND o.is_ms_shipped = 0
ORDER BY p.object_id, p.parameter_id
