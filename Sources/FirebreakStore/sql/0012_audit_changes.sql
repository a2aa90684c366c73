-- What a change did to a row, for its audit entry: each column whose value differs between the row's
-- JSON before and after, as {"column": {"before": …, "after": …}}; bookkeeping columns left out.
CREATE FUNCTION audit_changes(before jsonb, after jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(jsonb_object_agg(k, jsonb_build_object('before', before -> k, 'after', after -> k)), '{}')
    FROM jsonb_object_keys(before || after) AS k
    WHERE k NOT IN ('id', 'version', 'created_at', 'updated_at')
        AND (before -> k) IS DISTINCT FROM (after -> k)
$$;

-- An action as its audit entries compare it: its columns, with the team, the claimant and the
-- dependencies by key rather than by id.
CREATE FUNCTION action_audit_row(a actions) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT to_jsonb(a) - 'team_id' - 'claimed_by' || jsonb_build_object(
        'team', (SELECT t.key FROM teams t WHERE t.id = a.team_id),
        'claimed_by', (SELECT e.handle FROM engineers e WHERE e.id = a.claimed_by),
        'depends_on', (
            SELECT coalesce(jsonb_agg(d.key ORDER BY d.key), '[]')
            FROM action_dependencies ad JOIN actions d ON d.id = ad.depends_on_id
            WHERE ad.action_id = a.id))
$$;
