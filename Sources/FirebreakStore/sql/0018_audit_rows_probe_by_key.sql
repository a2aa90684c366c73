-- The audit rows (0012, 0014) read an action's dependencies and an incident's components through
-- a join the planner was free to start from either side. During a large import the actions table
-- has many pages that its statistics do not count (the import's own rows, not yet committed, which
-- autovacuum's ANALYZE does not see): taking it for one row, the planner started from it, and each
-- call walked every action (a 100,000-row Jira import ran for many minutes). Here each one starts
-- from the row's own links and looks each linked row up by its primary key (OFFSET 0 keeps the
-- lookup a subquery of its own, which cannot become the outer side of a join).
CREATE OR REPLACE FUNCTION action_audit_row(a actions) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT to_jsonb(a) - 'team_id' - 'claimed_by' || jsonb_build_object(
        'team', (SELECT t.key FROM teams t WHERE t.id = a.team_id),
        'claimed_by', (SELECT e.handle FROM engineers e WHERE e.id = a.claimed_by),
        'depends_on', (
            SELECT coalesce(jsonb_agg(d.key ORDER BY d.key), '[]')
            FROM action_dependencies ad
            CROSS JOIN LATERAL (SELECT x.key FROM actions x WHERE x.id = ad.depends_on_id OFFSET 0) d
            WHERE ad.action_id = a.id))
$$;

CREATE OR REPLACE FUNCTION incident_audit_row(i incidents) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'title', i.title, 'description', i.description,
        'startedAt', to_char(i.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'outageMinutes', i.outage_minutes, 'severity', 'SEV' || i.severity, 'detectedBy', i.detected_by,
        'tickets', i.tickets, 'status', i.status, 'explanation', i.explanation,
        'investigations', i.investigations,
        'team', (SELECT t.key FROM teams t WHERE t.id = i.team_id),
        'components', (
            SELECT coalesce(jsonb_agg(c.name ORDER BY x.position), '[]')
            FROM incident_components x
            CROSS JOIN LATERAL (SELECT y.name FROM components y WHERE y.id = x.component_id OFFSET 0) c
            WHERE x.incident_id = i.id),
        'categories', (
            SELECT coalesce(jsonb_agg(x.category_key ORDER BY x.position), '[]')
            FROM incident_categories x WHERE x.incident_id = i.id))
$$;
