-- Triggers of the selected databases: one row per trigger (MySQL triggers fire on one event).
SELECT EVENT_OBJECT_SCHEMA AS table_schema,
       EVENT_OBJECT_TABLE AS table_name,
       TRIGGER_NAME AS trigger_name,
       ACTION_TIMING AS timing,
       EVENT_MANIPULATION AS event,
       ACTION_ORIENTATION AS orientation,
       ACTION_STATEMENT AS action_statement,
       ACTION_ORDER AS action_order
FROM information_schema.TRIGGERS
WHERE EVENT_OBJECT_SCHEMA IN (?)
ORDER BY EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER
