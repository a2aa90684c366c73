-- An incident as an import's audit entry compares it (import.update): the fields incident.set names,
-- in its names and forms (startedAt in ISO 8601, severity as SEV1), with what else a report states:
-- explanation, investigations, the team by key, the components and categories in report order.
CREATE FUNCTION incident_audit_row(i incidents) RETURNS jsonb
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
            FROM incident_components x JOIN components c ON c.id = x.component_id
            WHERE x.incident_id = i.id),
        'categories', (
            SELECT coalesce(jsonb_agg(x.category_key ORDER BY x.position), '[]')
            FROM incident_categories x WHERE x.incident_id = i.id))
$$;
