-- audit_import_changes (0013), the same values in one SQL function rather than two (it called
-- audit_changes): an import of 10,000 reports calls it for each of 30,000 actions, and the nested
-- call cost about as much as the rest of the entry.
CREATE OR REPLACE FUNCTION audit_import_changes(before jsonb, after jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(jsonb_object_agg(e.key, jsonb_build_object('before', before -> e.key, 'after', e.value)), '{}')
    FROM jsonb_each(after) AS e
    WHERE e.key NOT IN ('id', 'version', 'created_at', 'updated_at')
        AND CASE WHEN before IS NULL THEN e.value NOT IN ('null', '""', '[]')
            ELSE (before -> e.key) IS DISTINCT FROM e.value END
$$;
