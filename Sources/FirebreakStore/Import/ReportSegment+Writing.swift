import FirebreakCore
import Foundation
import Logging
import PostgresNIO

/// A segment's statements: one for each table it writes, each carrying every row of the segment
/// as arrays (`unnest`), in the order `ImportRun` writes them.
extension ReportSegment {
    func write(actor: String, on connection: PostgresConnection, logger: Logger) async throws {
        let incidents = try await insertIncidents(on: connection, logger: logger)
        let incidentPriors = try await updateIncidents(on: connection, logger: logger)
        func incidentID(_ ref: Ref) -> Int {
            switch ref {
            case .existing(let id): id
            case .new(let n): incidents[n]
            }
        }
        try await replaceListed(incidentID: incidentID, on: connection, logger: logger)
        let actions = try await insertActions(on: connection, logger: logger)
        func actionID(_ ref: Ref) -> Int {
            switch ref {
            case .existing(let id): id
            case .new(let n): actions[n]
            }
        }
        try await replaceLinks(incidentID: incidentID, actionID: actionID, on: connection, logger: logger)
        try await updateActionsAndAudit(
            actor: actor, incidentPriors: incidentPriors, actionID: actionID, on: connection, logger: logger)
    }

    /// The ids of the new incidents, in `newIncidents` order.
    func insertIncidents(on connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        guard !newIncidents.isEmpty else { return [] }
        let r = Columns(newIncidents)
        let rows = try await connection.query(
            """
            INSERT INTO incidents (key, title, description, started_at, outage_minutes, severity, detected_by, tickets,
                explanation, investigations, status, team_id, source)
            SELECT u.key, u.title, u.description, u.started_at, u.outage_minutes, u.severity, u.detected_by, u.tickets,
                u.explanation, u.investigations, u.status, u.team_id, u.source
            FROM unnest(\(r.keys)::text[], \(r.titles)::text[], \(r.descriptions)::text[], \(r.starts)::timestamptz[],
                \(r.minutes)::int[], \(r.severities)::smallint[], \(r.detections)::text[], \(r.tickets)::int[],
                \(r.explanations)::text[], \(r.investigations)::text[], \(r.statuses)::text[], \(r.teams)::bigint[],
                \(r.sources)::text[])
                WITH ORDINALITY AS u(key, title, description, started_at, outage_minutes, severity, detected_by,
                    tickets, explanation, investigations, status, team_id, source, n)
            ORDER BY u.n
            RETURNING id, key
            """, logger: logger)
        return try await Self.ids(rows, keys: r.keys)
    }

    /// Updates the incidents that existed; returns each as it was before (`incident_audit_row`), by key,
    /// for its `import.update` entry.
    func updateIncidents(on connection: PostgresConnection, logger: Logger) async throws -> [String: String] {
        guard !incidentUpdates.isEmpty else { return [:] }
        let r = Columns(incidentUpdates.map(\.row))
        let ids = incidentUpdates.map(\.id)
        let rows = try await connection.query(
            """
            WITH prior AS MATERIALIZED (
                SELECT i.id, i.key, incident_audit_row(i)::text AS row FROM incidents i WHERE i.id = ANY(\(ids))),
            updated AS (
                UPDATE incidents i SET title = u.title, description = u.description, started_at = u.started_at,
                    outage_minutes = u.outage_minutes, severity = u.severity, detected_by = u.detected_by,
                    tickets = u.tickets, explanation = u.explanation, investigations = u.investigations,
                    status = u.status, team_id = u.team_id, source = u.source, version = i.version + 1, updated_at = now()
                FROM unnest(\(ids)::bigint[], \(r.titles)::text[], \(r.descriptions)::text[], \(r.starts)::timestamptz[],
                    \(r.minutes)::int[], \(r.severities)::smallint[], \(r.detections)::text[], \(r.tickets)::int[],
                    \(r.explanations)::text[], \(r.investigations)::text[], \(r.statuses)::text[], \(r.teams)::bigint[],
                    \(r.sources)::text[])
                    AS u(id, title, description, started_at, outage_minutes, severity, detected_by, tickets, explanation,
                        investigations, status, team_id, source)
                WHERE i.id = u.id)
            SELECT key, row FROM prior
            """, logger: logger)
        var priors: [String: String] = [:]
        for try await (key, row) in rows.decode((String, String).self) { priors[key] = row }
        return priors
    }

    /// The incidents' components (made when new, first come first kept) and categories, replacing
    /// those of incidents that existed.
    func replaceListed(
        incidentID: (Ref) -> Int, on connection: PostgresConnection, logger: Logger
    ) async throws {
        if !replaced.isEmpty {
            try await connection.query(
                """
                WITH components AS (DELETE FROM incident_components WHERE incident_id = ANY(\(replaced)))
                DELETE FROM incident_categories WHERE incident_id = ANY(\(replaced))
                """, logger: logger)
        }
        if !components.isEmpty {
            let names = components.map(\.name)
            try await connection.query(
                """
                INSERT INTO components (name, team_id)
                SELECT u.name, u.team_id FROM unnest(\(names)::text[], \(components.map(\.teamID))::bigint[])
                    WITH ORDINALITY AS u(name, team_id, n)
                ORDER BY u.n
                ON CONFLICT ((lower(name))) DO NOTHING
                """, logger: logger)
            try await connection.query(
                """
                INSERT INTO incident_components (incident_id, component_id, position)
                SELECT u.incident_id, c.id, u.position
                FROM unnest(\(components.map { incidentID($0.incident) })::bigint[], \(names)::text[],
                    \(components.map(\.position))::int[]) WITH ORDINALITY AS u(incident_id, name, position, n)
                JOIN components c ON lower(c.name) = lower(u.name)
                ORDER BY u.n
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        if !categories.isEmpty {
            try await connection.query(
                """
                INSERT INTO incident_categories (incident_id, category_key, position)
                SELECT u.incident_id, u.category_key, u.position
                FROM unnest(\(categories.map { incidentID($0.incident) })::bigint[], \(categories.map(\.name))::text[],
                    \(categories.map(\.position))::int[]) WITH ORDINALITY AS u(incident_id, category_key, position, n)
                ORDER BY u.n
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
    }

    /// The ids of the new actions, in `newActions` order.
    func insertActions(on connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        guard !newActions.isEmpty else { return [] }
        let keys = newActions.map(\.key)
        let a = newActions.map(\.action)
        let rows = try await connection.query(
            """
            INSERT INTO actions (key, title, description, kind, category_key, estimate, status, owner, due_on,
                external_key, team_id)
            SELECT u.key, u.title, u.description, u.kind, u.category_key, u.estimate, u.status, u.owner, u.due_on::date,
                u.external_key, u.team_id
            FROM unnest(\(keys)::text[], \(zip(a, keys).map { $0.title ?? $1 })::text[], \(a.map(\.description))::text[],
                \(a.map { ($0.kind ?? .prevent).rawValue })::text[], \(NullableArray(newActions.map(\.category)))::text[],
                \(NullableArray(a.map(\.estimate)))::float8[], \(a.map { $0.completed ? "done" : "open" })::text[],
                \(NullableArray(a.map(\.owner)))::text[], \(NullableArray(a.map { $0.due?.description }))::text[],
                \(NullableArray(a.map(\.jira)))::text[], \(newActions.map(\.teamID))::bigint[])
                WITH ORDINALITY AS u(key, title, description, kind, category_key, estimate, status, owner, due_on,
                    external_key, team_id, n)
            ORDER BY u.n
            RETURNING id, key
            """, logger: logger)
        return try await Self.ids(rows, keys: keys)
    }

    /// The reports' links, replacing those of incidents that existed (a link a report no longer lists
    /// is removed; the action stays).
    func replaceLinks(
        incidentID: (Ref) -> Int, actionID: (Ref) -> Int, on connection: PostgresConnection, logger: Logger
    ) async throws {
        guard !links.isEmpty || !replaced.isEmpty else { return }
        let incidents = links.map { incidentID($0.incident) }
        let actions = links.map { actionID($0.action) }
        try await connection.query(
            """
            WITH gone AS (
                DELETE FROM action_incidents l WHERE l.incident_id = ANY(\(replaced))
                    AND (l.incident_id, l.action_id) NOT IN (
                        SELECT * FROM unnest(\(incidents)::bigint[], \(actions)::bigint[])))
            INSERT INTO action_incidents (action_id, incident_id, coverage, position)
            SELECT u.action_id, u.incident_id, u.coverage, u.position
            FROM unnest(\(actions)::bigint[], \(incidents)::bigint[], \(links.map(\.coverage))::float8[],
                \(links.map(\.position))::int[]) WITH ORDINALITY AS u(action_id, incident_id, coverage, position, n)
            ORDER BY u.n
            ON CONFLICT (action_id, incident_id) DO UPDATE SET coverage = excluded.coverage, position = excluded.position
            """, logger: logger)
    }

    /// One statement: what the bullets that name existing actions change, each field as
    /// `ImportRun.update` leaves it; the key counters the segment moved on; and the audit entries
    /// `ImportRun` writes, in its order: for each report, its own, then one for each action it lists
    /// with what that report changed in it (`AuditLog.recordActionImports`); an incident that existed
    /// gets what its report changed (`AuditLog.recordReportImport`; `incidentPriors` are the incidents
    /// as they were, by key). An action that several
    /// reports of the segment change is written once; the values each report left it with are those
    /// the row had before the segment with that report's `ActionStep.update` applied. The statement
    /// reads every row as it was before the statement, so the updated rows are not read back.
    func updateActionsAndAudit(
        actor: String, incidentPriors: [String: String], actionID: (Ref) -> Int, on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let prefixes = counters.keys.sorted()
        let u = updated.map { actionUpdates[$0]! }
        let steps = actionSteps
        let su = steps.map(\.update)
        let before = steps.map { step in
            switch step.before {
            case .none: "none"
            case .stored: "stored"
            case .previous: "previous"
            }
        }
        try await connection.query(
            """
            WITH counters AS (
                UPDATE key_counters k SET last = u.last
                FROM unnest(\(prefixes)::text[], \(prefixes.map { counters[$0]! })::bigint[]) AS u(prefix, last)
                WHERE k.prefix = u.prefix AND k.last <> u.last),
            updated AS (
                UPDATE actions a SET
                    title = coalesce(u.title, a.title), kind = coalesce(u.kind, a.kind),
                    description = coalesce(u.description, a.description), estimate = coalesce(u.estimate, a.estimate),
                    due_on = coalesce(u.due_on::date, a.due_on), external_key = coalesce(u.external_key, a.external_key),
                    owner = coalesce(u.owner, a.owner),
                    status = CASE WHEN u.completed AND a.status = 'open' THEN 'done' ELSE a.status END,
                    version = a.version + u.updates, updated_at = now()
                FROM unnest(\(updated.map(actionID))::bigint[], \(NullableArray(u.map(\.title)))::text[],
                    \(NullableArray(u.map { $0.kind?.rawValue }))::text[], \(NullableArray(u.map(\.description)))::text[],
                    \(NullableArray(u.map(\.estimate)))::float8[], \(NullableArray(u.map { $0.due?.description }))::text[],
                    \(NullableArray(u.map(\.jira)))::text[], \(NullableArray(u.map(\.owner)))::text[],
                    \(u.map(\.completed))::bool[], \(u.map(\.count))::int[])
                    AS u(id, title, kind, description, estimate, due_on, external_key, owner, completed, updates)
                WHERE a.id = u.id),
            reports AS (
                SELECT * FROM unnest(\(audits.map(\.verb))::text[], \(audits.map(\.subject))::text[],
                    \(audits.map(\.teamID))::bigint[], \(audits.map { String($0.actions) })::text[],
                    \(audits.map(\.match.rawValue))::text[], \(audits.map(\.source))::text[],
                    \(NullableArray(audits.map { incidentPriors[$0.subject] }))::text[])
                    WITH ORDINALITY AS r(verb, subject, team_id, actions, match, source, prior, n)),
            steps AS MATERIALIZED (
                SELECT s.report, s.position, s.id, s.before, a.key, a.team_id,
                    CASE WHEN s.before = 'stored' THEN action_audit_row(a) END AS stored,
                    CASE WHEN s.before = 'none' THEN action_audit_row(a)
                        ELSE action_audit_row(jsonb_populate_record(a, jsonb_strip_nulls(jsonb_build_object(
                            'title', s.title, 'kind', s.kind, 'description', s.description, 'estimate', s.estimate,
                            'due_on', s.due_on, 'external_key', s.external_key, 'owner', s.owner,
                            'status', CASE WHEN s.completed AND a.status = 'open' THEN 'done' END))))
                    END AS after
                FROM unnest(\(steps.map(\.report))::int[], \(steps.map(\.position))::int[],
                    \(steps.map { actionID($0.action) })::bigint[], \(before)::text[],
                    \(NullableArray(su.map { $0?.title }))::text[], \(NullableArray(su.map { $0?.kind?.rawValue }))::text[],
                    \(NullableArray(su.map { $0?.description }))::text[], \(NullableArray(su.map { $0?.estimate }))::float8[],
                    \(NullableArray(su.map { $0?.due?.description }))::text[], \(NullableArray(su.map { $0?.jira }))::text[],
                    \(NullableArray(su.map { $0?.owner }))::text[], \(su.map { $0?.completed ?? false })::bool[])
                    AS s(report, position, id, before, title, kind, description, estimate, due_on, external_key, owner,
                        completed)
                JOIN actions a ON a.id = s.id),
            changes AS (
                SELECT s.report, s.position, s.key, s.team_id, s.after,
                    CASE s.before WHEN 'none' THEN NULL WHEN 'stored' THEN s.stored
                        ELSE lag(s.after) OVER (PARTITION BY s.id ORDER BY s.report) END AS before
                FROM steps s)
            INSERT INTO audit_entries (actor, verb, subject, team_id, details)
            SELECT \(actor), e.verb, e.subject, e.team_id, e.details
            FROM (
                SELECT r.n AS report, -1 AS position, r.verb, r.subject, r.team_id,
                    jsonb_build_object('actions', r.actions, 'match', r.match, 'source', r.source)
                        || CASE WHEN r.prior IS NULL THEN '{}' ELSE audit_changes(r.prior::jsonb, incident_audit_row(i)) END
                        AS details
                FROM reports r JOIN incidents i ON i.key = r.subject
                UNION ALL
                SELECT c.report, c.position, 'action.import', c.key, c.team_id,
                    jsonb_build_object('report', r.subject, 'source', r.source)
                        || audit_import_changes(c.before, c.after)
                FROM changes c JOIN reports r ON r.n = c.report) AS e
            ORDER BY e.report, e.position
            """, logger: logger)
    }

    /// The ids RETURNING gave for `keys` (unique), in the order of `keys`.
    static func ids(_ rows: PostgresRowSequence, keys: [String]) async throws -> [Int] {
        var byKey: [String: Int] = [:]
        byKey.reserveCapacity(keys.count)
        for try await (id, key) in rows.decode((Int, String).self) { byKey[key] = id }
        return try keys.map { key in
            guard let id = byKey[key] else { throw StoreError.unavailable("\(key) was not stored") }
            return id
        }
    }

    /// The incident columns of `rows`, each as one array.
    struct Columns {
        var keys: [String]
        var titles: [String]
        var descriptions: [String]
        var starts: NullableArray<Date>
        var minutes: NullableArray<Int>
        var severities: NullableArray<Int>
        var detections: [String]
        var tickets: NullableArray<Int>
        var explanations: [String]
        var investigations: [String]
        var statuses: [String]
        var teams: [Int]
        var sources: NullableArray<String>

        init(_ rows: [IncidentRow]) {
            let r = rows.map(\.report)
            keys = rows.map(\.key)
            titles = r.map(\.title)
            descriptions = r.map(\.description)
            starts = NullableArray(r.map(\.startedAt))
            minutes = NullableArray(r.map(\.outageMinutes))
            severities = NullableArray(r.map { $0.severity?.rawValue })
            detections = r.map(\.detectedBy.rawValue)
            tickets = NullableArray(r.map(\.tickets))
            explanations = r.map(\.explanation)
            investigations = r.map(\.investigations)
            statuses = r.map(\.status.rawValue)
            teams = rows.map(\.teamID)
            sources = NullableArray(rows.map(\.source))
        }
    }
}
