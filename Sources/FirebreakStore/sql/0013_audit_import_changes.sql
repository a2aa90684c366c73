-- What an import did to an action, for its action.import entry: the columns that changed, as
-- audit_changes gives them; for an action the import created (no row before), each column that has
-- a value (not null, not empty), with before null.
CREATE FUNCTION audit_import_changes(before jsonb, after jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN before IS NOT NULL THEN audit_changes(before, after)
        ELSE audit_changes('{}', (
            SELECT coalesce(jsonb_object_agg(e.k, e.v), '{}') FROM jsonb_each(after) AS e(k, v)
            WHERE e.v NOT IN ('null', '""', '[]')))
    END
$$;
