public import FirebreakCore
import Foundation
import Logging
import PostgresNIO

/// How an imported report found the incident it updates (DESIGN.md section 2, identity).
public enum IncidentMatch: String, Sendable, Equatable, Codable {
    /// The report states its key (`# PM2021-006: ...`, or a key in its file name).
    case key
    /// The incident was imported from the same file (its path under the imported folder).
    case source
    /// An incident with the same title and the same start.
    case titleAndStart = "title-and-start"
    /// Nothing matched: a new incident.
    case new

    /// Why, in a few words, for the import summary.
    public func reason(key: String, source: String?) -> String {
        switch self {
        case .key: "its key \(key) is stated in the report"
        case .source: "imported before from \(source ?? "the same file")"
        case .titleAndStart: "same title and start as \(key)"
        case .new: "no incident has its key, file, or title and start"
        }
    }
}

/// What importing one report did.
public struct ImportOutcome: Sendable, Equatable {
    public var incident: String
    public var created: Bool
    public var status: IncidentStatus
    public var actionsCreated: Int
    public var actionsUpdated: Int
    public var links: Int
    public var match: IncidentMatch
    /// What the report states that the import could not use (an unknown field, a severity on no scale).
    public var warnings: [ReportWarning]
    /// The fields a manager must still fill in (`OutageReport.missingFields`); empty when published.
    public var missing: [String]

    public init(
        incident: String, created: Bool, status: IncidentStatus, actionsCreated: Int, actionsUpdated: Int, links: Int,
        match: IncidentMatch = .new, warnings: [ReportWarning] = [], missing: [String] = []
    ) {
        self.incident = incident
        self.created = created
        self.status = status
        self.actionsCreated = actionsCreated
        self.actionsUpdated = actionsUpdated
        self.links = links
        self.match = match
        self.warnings = warnings
        self.missing = missing
    }
}

/// One parsed report to import: `file` names it in errors, `source` is its identity (the path
/// under the imported folder, or the name an API client sends; nil when there is none).
public struct ReportInput: Sendable {
    public var report: OutageReport
    public var file: String
    public var source: String?

    public init(report: OutageReport, file: String, source: String?) {
        self.report = report
        self.file = file
        self.source = source
    }
}

/// Writes outage reports, with their actions and links (DESIGN.md section 3).
///
/// Each report is all-or-nothing: a report that fails is rolled back alone while the others of
/// its batch still land. Batches of reports share one transaction, so that a folder of reports
/// costs a commit per batch rather than per file. Within a batch, runs of reports are written as
/// segments (`ReportSegment`): a few statements per table for the whole run, planned in Swift to
/// write exactly what importing them one by one writes, under one savepoint; a report the plan
/// cannot take, and every report of a segment the database refuses, is imported on its own under
/// its own savepoint (`ImportRun`), so that each failure names its file.
/// Re-importing the same report changes nothing new: the incident is matched by key, else by
/// source file, else by title and start; each action by key, else by its normalised title among
/// the incident's actions.
public struct ReportImporter: Sendable {
    public let database: Database
    /// Reports a transaction holds: a few hundred keeps a commit's cost small beside the work,
    /// and a failure of the commit itself (a lost connection) costs at most that many files.
    public static let batchSize = 200

    public init(database: Database) { self.database = database }

    /// Imports `report`, read from `source` (its identity, named in errors); `team` is used when the
    /// report names none.
    public func importReport(
        _ report: OutageReport, source: String?, team: String?, actor: String, dryRun: Bool = false
    ) async throws -> ImportOutcome {
        let input = ReportInput(report: report, file: source ?? "request", source: source)
        return try await importReports([input], team: team, actor: actor, dryRun: dryRun)[0].get()
    }

    /// Imports `inputs` in an order where a report that links an action another of them creates
    /// comes after it, whatever order they were given in. Returns one result per input, in the
    /// inputs' order. With `dryRun`, everything is done and then rolled back: the results say what
    /// would be created, updated or left as a draft. `progress` is told how many are done.
    public func importReports(
        _ inputs: [ReportInput], team: String?, actor: String, dryRun: Bool = false,
        progress: @Sendable (Int) -> Void = { _ in }
    ) async throws -> [Result<ImportOutcome, ReportError>] {
        let order = Self.order(inputs.map(\.report))
        var results = [Result<ImportOutcome, ReportError>?](repeating: nil, count: inputs.count)
        let logger = database.logger
        // A dry run is one transaction, so that what one report would create is there for the next.
        let size = dryRun ? max(inputs.count, 1) : Self.batchSize
        var done = 0
        for batchStart in stride(from: 0, to: order.count, by: size) {
            let batch = Array(order[batchStart..<min(order.count, batchStart + size)])
            let batchResults = try await database.transactionOrRollback(rollback: dryRun) { connection in
                try await Self.importBatch(
                    batch, of: inputs, team: team, actor: actor, on: connection, logger: logger)
            }
            for (index, result) in batchResults { results[index] = result }
            done += batch.count
            progress(done)
        }
        return results.map { $0! }
    }

    /// Imports the reports `batch` indexes in `inputs`, in that order, in the transaction of
    /// `connection`: runs of them as segments (a few statements per table for all of a run), and a
    /// report a segment cannot take alone (`ReportSegment`). A segment that the database refuses is
    /// rolled back and its reports imported one by one, so that each failure names its own file.
    static func importBatch(
        _ batch: [Int], of inputs: [ReportInput], team: String?, actor: String, on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [(Int, Result<ImportOutcome, ReportError>)] {
        let context = try await ImportContext.load(on: connection, logger: logger)
        let planner = SegmentPlanner(connection: connection, logger: logger, context: context, defaultTeam: team)
        var out: [(Int, Result<ImportOutcome, ReportError>)] = []
        var position = 0
        while position < batch.count {
            var end = position
            while end < batch.count, end - position < batchSize,
                !SegmentPlanner.needsReportPath(inputs[batch[end]].report)
            {
                end += 1
            }
            var alone = end == position
            if end > position {
                let (segment, stop) = try await planner.plan(batch[position..<end].map { ($0, inputs[$0]) })
                alone = stop == .alone && segment.isEmpty
                if !segment.isEmpty {
                    try await connection.query("SAVEPOINT segment", logger: logger)
                    do {
                        try await segment.write(actor: actor, on: connection, logger: logger)
                        try await connection.query("RELEASE SAVEPOINT segment", logger: logger)
                        out += segment.outcomes.map { ($0.index, .success($0.outcome)) }
                    } catch {
                        guard let store = Database.translate(error) as? StoreError, store.kind != .unavailable else {
                            throw error
                        }
                        try await connection.query("ROLLBACK TO SAVEPOINT segment", logger: logger)
                        for (index, _) in segment.outcomes {
                            out.append(
                                try await importAlone(
                                    index, inputs[index], team: team, actor: actor, on: connection, logger: logger))
                        }
                    }
                    position += segment.outcomes.count
                    alone = stop == .alone
                }
            }
            if alone {
                out.append(
                    try await importAlone(
                        batch[position], inputs[batch[position]], team: team, actor: actor, on: connection,
                        logger: logger))
                position += 1
            }
        }
        return out
    }

    /// Imports one report on its own, under its own savepoint: all of it, or nothing and its error.
    static func importAlone(
        _ index: Int, _ input: ReportInput, team: String?, actor: String, on connection: PostgresConnection,
        logger: Logger
    ) async throws -> (Int, Result<ImportOutcome, ReportError>) {
        try await connection.query("SAVEPOINT report", logger: logger)
        do {
            var run = ImportRun(input: input, connection: connection, logger: logger)
            let outcome = try await run.execute(defaultTeam: team, actor: actor)
            try await connection.query("RELEASE SAVEPOINT report", logger: logger)
            return (index, .success(outcome))
        } catch {
            guard let failure = ImportRun.reportError(error, file: input.file, report: input.report) else {
                throw error
            }
            try await connection.query("ROLLBACK TO SAVEPOINT report", logger: logger)
            return (index, .failure(failure))
        }
    }

    /// The order to import reports in: each after the reports that create the actions it only
    /// links (`- ACT-581`), else in the order given. A cycle keeps the given order for what is left.
    static func order(_ reports: [OutageReport]) -> [Int] {
        var creator: [String: Int] = [:]
        for (index, report) in reports.enumerated() {
            for action in report.actions where !action.isLinkOnly {
                if let key = action.key, creator[key] == nil { creator[key] = index }
            }
        }
        let needs: [[Int]] = reports.enumerated().map { index, report in
            report.actions.compactMap { action in
                guard action.isLinkOnly, let key = action.key, let c = creator[key], c != index else { return nil }
                return c
            }
        }
        var placed = [Bool](repeating: false, count: reports.count)
        var order: [Int] = []
        order.reserveCapacity(reports.count)
        var pending = Array(reports.indices)
        while !pending.isEmpty {
            var rest: [Int] = []
            for index in pending {
                if needs[index].allSatisfy({ placed[$0] }) {
                    placed[index] = true
                    order.append(index)
                } else {
                    rest.append(index)
                }
            }
            if rest.count == pending.count {
                order += rest
                break
            }
            pending = rest
        }
        return order
    }
}

/// One import, inside its savepoint.
struct ImportRun {
    var report: OutageReport
    let file: String
    let source: String?
    let connection: PostgresConnection
    let logger: Logger
    var created = 0
    var updated = 0
    /// The actions the report found, as they were before it (`action_audit_row`), by id; those it
    /// created are not here.
    var priors: [Int: String] = [:]
    /// The incident the report updates as it was before (`incident_audit_row`); nil when it is new.
    var incidentPrior: String?

    init(input: ReportInput, connection: PostgresConnection, logger: Logger) {
        self.report = input.report
        self.file = input.file
        self.source = input.source
        self.connection = connection
        self.logger = logger
    }

    func fail(_ line: Int?, _ reason: String) -> ReportError {
        ReportError(file: file, line: line ?? report.fieldLines[.title] ?? 1, reason: reason)
    }

    /// The error a failed report is listed with; nil for a failure of the database itself, which
    /// ends the whole import.
    static func reportError(_ error: any Error, file: String, report: OutageReport) -> ReportError? {
        if let error = error as? ReportError { return error }
        let line = report.fieldLines[.title] ?? 1
        if let store = Database.translate(error) as? StoreError, store.kind != .unavailable {
            return ReportError(file: file, line: line, reason: store.message)
        }
        return nil
    }

    mutating func execute(defaultTeam: String?, actor: String) async throws -> ImportOutcome {
        let teamID = try await resolveTeam(defaultTeam)
        try await resolveSeverity(teamID: teamID)
        try await checkCategories()
        let (incidentID, key, match) = try await upsertIncident(teamID: teamID)
        try await replaceComponents(incidentID: incidentID, teamID: teamID)
        try await replaceCategories(incidentID: incidentID)
        let linked = try await linkActions(incidentID: incidentID, teamID: teamID)
        try await AuditLog.recordReportImport(
            actor: actor, verb: match == .new ? "import.create" : "import.update", incident: key, teamID: teamID,
            details: ["source": source ?? file, "actions": String(linked), "match": match.rawValue],
            prior: incidentPrior, on: connection, logger: logger)
        try await AuditLog.recordActionImports(
            actor: actor, report: key, source: source ?? file, priors: priors, on: connection, logger: logger)
        return ImportOutcome(
            incident: key, created: match == .new, status: report.status, actionsCreated: created,
            actionsUpdated: updated, links: linked, match: match, warnings: report.warnings,
            missing: report.missingFields)
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

    /// A severity the report states on no named scale ("Critical") is read through the team's alias
    /// table; without an alias it stays missing, with a warning that says how to map it.
    mutating func resolveSeverity(teamID: Int) async throws {
        guard let text = report.severityText else { return }
        let aliases = try await TeamStore.severityAliases(teamID: teamID, on: connection, logger: logger)
        if let severity = Team.severity(named: text, aliases: aliases) {
            report.severity = severity
            return
        }
        let team = try await connection.query("SELECT key FROM teams WHERE id = \(teamID)", logger: logger)
        var key = "TEAM"
        for try await k in team.decode(String.self) { key = k }
        report.warnings.append(Self.severityWarning(text, team: key, file: file, report: report))
    }

    /// The warning for a severity on no named scale that the team's aliases do not map either.
    static func severityWarning(_ text: String, team: String, file: String, report: OutageReport) -> ReportWarning {
        ReportWarning(
            file: file, line: report.fieldLines[.severity] ?? 1,
            message: "severity \"\(text)\" is on no named scale, so the incident stays a draft; map it with "
                + "`firebreak team set \(team) --severity-alias \"\(text)=SEV1\"` (or SEV2 to SEV4)")
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

    /// Finds the incident the report is (its key, else its source file, else the same title and
    /// start) or creates one. Two reports are never merged because only their titles match.
    mutating func upsertIncident(teamID: Int) async throws -> (Int, String, IncidentMatch) {
        var key = report.key
        var existing: Int?
        var match = IncidentMatch.new
        if let k = key {
            let rows = try await connection.query("SELECT id FROM incidents WHERE key = \(k)", logger: logger)
            for try await id in rows.decode(Int.self) { (existing, match) = (id, .key) }
        } else {
            if let source {
                let rows = try await connection.query(
                    """
                    SELECT id, key FROM incidents WHERE team_id = \(teamID) AND source = \(source) ORDER BY id LIMIT 1
                    """, logger: logger)
                for try await (id, k) in rows.decode((Int, String).self) { (existing, key, match) = (id, k, .source) }
            }
            if existing == nil, let started = report.startedAt {
                let rows = try await connection.query(
                    """
                    SELECT id, key FROM incidents WHERE team_id = \(teamID) AND lower(title) = lower(\(report.title))
                        AND started_at = \(started)
                    ORDER BY id LIMIT 1
                    """, logger: logger)
                for try await (id, k) in rows.decode((Int, String).self) {
                    (existing, key, match) = (id, k, .titleAndStart)
                }
            }
        }
        let r = report
        if let existing {
            let rows = try await connection.query(
                """
                WITH prior AS (SELECT incident_audit_row(i)::text AS row FROM incidents i WHERE i.id = \(existing))
                UPDATE incidents SET title = \(r.title), description = \(r.description), started_at = \(r.startedAt),
                    outage_minutes = \(r.outageMinutes), severity = \(r.severity?.rawValue), detected_by = \(r.detectedBy.rawValue),
                    tickets = \(r.tickets), explanation = \(r.explanation), investigations = \(r.investigations),
                    status = \(r.status.rawValue), team_id = \(teamID), source = \(source),
                    version = version + 1, updated_at = now()
                WHERE id = \(existing)
                RETURNING (SELECT row FROM prior)
                """, logger: logger)
            for try await row in rows.decode(String?.self) { incidentPrior = row }
            return (existing, key!, match)
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
        for try await id in rows.decode(Int.self) { return (id, newKey, .new) }
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
