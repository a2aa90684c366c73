public import FirebreakCore
import Foundation
import Logging
import PostgresNIO

/// What importing one report did.
public struct ImportOutcome: Sendable, Equatable {
    public var incident: String
    public var created: Bool
    public var status: IncidentStatus
    public var actionsCreated: Int
    public var actionsUpdated: Int
    public var links: Int

    public init(
        incident: String, created: Bool, status: IncidentStatus, actionsCreated: Int, actionsUpdated: Int, links: Int
    ) {
        self.incident = incident
        self.created = created
        self.status = status
        self.actionsCreated = actionsCreated
        self.actionsUpdated = actionsUpdated
        self.links = links
    }
}

/// Writes one outage report, with its actions and links, in one transaction
/// (DESIGN.md section 3). Re-importing the same report changes nothing new:
/// the incident is matched by key (or, without one, by title in its team), each
/// action by key, else by its normalised title among the incident's actions.
public struct ReportImporter: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Imports `report`, read from `source` (named in errors); `team` is used when the report names none.
    public func importReport(
        _ report: OutageReport, source: String, team: String?, actor: String
    ) async throws -> ImportOutcome {
        let logger = database.logger
        return try await database.transaction { connection in
            var run = ImportRun(report: report, source: source, connection: connection, logger: logger)
            return try await run.execute(defaultTeam: team, actor: actor)
        }
    }
}

/// One import, inside its transaction.
struct ImportRun {
    let report: OutageReport
    let source: String
    let connection: PostgresConnection
    let logger: Logger
    var created = 0
    var updated = 0

    init(report: OutageReport, source: String, connection: PostgresConnection, logger: Logger) {
        self.report = report
        self.source = source
        self.connection = connection
        self.logger = logger
    }

    func fail(_ line: Int?, _ reason: String) -> ReportError {
        ReportError(file: source, line: line ?? report.fieldLines[.title] ?? 1, reason: reason)
    }

    mutating func execute(defaultTeam: String?, actor: String) async throws -> ImportOutcome {
        let teamID = try await resolveTeam(defaultTeam)
        try await checkCategories()
        let (incidentID, key, isNew) = try await upsertIncident(teamID: teamID)
        try await replaceComponents(incidentID: incidentID, teamID: teamID)
        try await replaceCategories(incidentID: incidentID)
        let linked = try await linkActions(incidentID: incidentID, teamID: teamID)
        try await AuditLog.record(
            actor: actor, verb: isNew ? "import.create" : "import.update", subject: key, teamID: teamID,
            details: ["source": source, "actions": String(linked)], on: connection, logger: logger)
        return ImportOutcome(
            incident: key, created: isNew, status: report.status, actionsCreated: created, actionsUpdated: updated,
            links: linked)
    }

    func resolveTeam(_ defaultTeam: String?) async throws -> Int {
        if let key = report.team ?? defaultTeam {
            let rows = try await connection.query("SELECT id FROM teams WHERE key = \(key)", logger: logger)
            for try await id in rows.decode(Int.self) { return id }
            throw fail(
                report.team == nil ? nil : report.fieldLines[.team],
                "unknown team \"\(key)\"; create it with `firebreak team create \(key) --name NAME`")
        }
        let rows = try await connection.query("SELECT id FROM teams ORDER BY id LIMIT 2", logger: logger)
        var ids: [Int] = []
        for try await id in rows.decode(Int.self) { ids.append(id) }
        guard ids.count == 1 else {
            throw fail(
                nil,
                ids.isEmpty
                    ? "no team yet; create one with `firebreak team create KEY --name NAME`"
                    : "the report names no team; add a '- **Team:** KEY' line or pass --team")
        }
        return ids[0]
    }

    func checkCategories() async throws {
        guard !report.categories.isEmpty else { return }
        let rows = try await connection.query(
            "SELECT key FROM categories WHERE key = ANY(\(report.categories))", logger: logger)
        var known: Set<String> = []
        for try await key in rows.decode(String.self) { known.insert(key) }
        if let unknown = report.categories.first(where: { !known.contains($0) }) {
            let all = try await connection.query("SELECT key FROM categories ORDER BY key", logger: logger)
            var keys: [String] = []
            for try await key in all.decode(String.self) { keys.append(key) }
            throw fail(
                report.fieldLines[.categories],
                "unknown category \"\(unknown)\"; known: \(keys.joined(separator: ", "))")
        }
    }

    func upsertIncident(teamID: Int) async throws -> (Int, String, Bool) {
        var key = report.key
        var existing: Int?
        if let k = key {
            let rows = try await connection.query("SELECT id FROM incidents WHERE key = \(k)", logger: logger)
            for try await id in rows.decode(Int.self) { existing = id }
        } else {
            let rows = try await connection.query(
                """
                SELECT id, key FROM incidents WHERE team_id = \(teamID) AND lower(title) = lower(\(report.title))
                ORDER BY id LIMIT 1
                """, logger: logger)
            for try await (id, k) in rows.decode((Int, String).self) { (existing, key) = (id, k) }
        }
        let r = report
        if let existing {
            try await connection.query(
                """
                UPDATE incidents SET title = \(r.title), description = \(r.description), started_at = \(r.startedAt),
                    outage_minutes = \(r.outageMinutes), severity = \(r.severity?.rawValue), detected_by = \(r.detectedBy.rawValue),
                    tickets = \(r.tickets), explanation = \(r.explanation), investigations = \(r.investigations),
                    status = \(r.status.rawValue), team_id = \(teamID), source = \(source),
                    version = version + 1, updated_at = now()
                WHERE id = \(existing)
                """, logger: logger)
            return (existing, key!, false)
        }
        let newKey: String
        if let key {
            try await KeyAllocator.reserve(key, on: connection, logger: logger)
            newKey = key
        } else {
            newKey = try await KeyAllocator.next("INC", on: connection, logger: logger)
        }
        let rows = try await connection.query(
            """
            INSERT INTO incidents (key, title, description, started_at, outage_minutes, severity, detected_by, tickets,
                explanation, investigations, status, team_id, source)
            VALUES (\(newKey), \(r.title), \(r.description), \(r.startedAt), \(r.outageMinutes), \(r.severity?.rawValue),
                \(r.detectedBy.rawValue), \(r.tickets), \(r.explanation), \(r.investigations), \(r.status.rawValue),
                \(teamID), \(source))
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int.self) { return (id, newKey, true) }
        throw StoreError.unavailable("the incident was not stored")
    }

    func replaceComponents(incidentID: Int, teamID: Int) async throws {
        try await connection.query("DELETE FROM incident_components WHERE incident_id = \(incidentID)", logger: logger)
        for (position, name) in report.components.enumerated() {
            try await connection.query(
                "INSERT INTO components (name, team_id) VALUES (\(name), \(teamID)) ON CONFLICT ((lower(name))) DO NOTHING",
                logger: logger)
            try await connection.query(
                """
                INSERT INTO incident_components (incident_id, component_id, position)
                SELECT \(incidentID), id, \(position) FROM components WHERE lower(name) = lower(\(name))
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
    }

    func replaceCategories(incidentID: Int) async throws {
        try await connection.query("DELETE FROM incident_categories WHERE incident_id = \(incidentID)", logger: logger)
        for (position, key) in report.categories.enumerated() {
            try await connection.query(
                """
                INSERT INTO incident_categories (incident_id, category_key, position)
                VALUES (\(incidentID), \(key), \(position)) ON CONFLICT DO NOTHING
                """, logger: logger)
        }
    }
}
