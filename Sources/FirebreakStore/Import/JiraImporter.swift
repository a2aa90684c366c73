public import FirebreakCore
import Foundation
import Logging
import PostgresNIO

/// What importing one Jira CSV file did.
public struct JiraImportOutcome: Sendable, Equatable {
    public var created = 0
    public var updated = 0
    public var resolved = 0
    /// Epics and sub-tasks: not backlog items.
    public var skipped = 0

    public init() {}
}

/// Brings a Jira export into the backlog, in one transaction per file (DESIGN.md section 6).
///
/// Each issue becomes or updates the action with its Jira key as external key: first one that
/// already carries that key, then the Firebreak action its description names (a plan exported
/// to Jira and exported back), else a new action keyed by the issue key. Issues Jira resolved
/// mark the action done or won't-fix; an import never reopens an item. Labels that name a
/// category set it, labels that name an incident link it. The issue's labels, components and
/// sprints replace the action's, for each of those columns the export has. A new action's
/// description is the issue's without the paragraphs a Firebreak export added to it. Epics and
/// sub-tasks are not actions.
public struct JiraImporter: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Imports `issues`, read from `source` (named in errors), all or nothing; `team` when the
    /// database has several.
    ///
    /// Issues are staged with `COPY` and written by set-based statements (`JiraStaging`). When the
    /// database refuses one of them (a title too long, say), the error names the issue and its line;
    /// the whole file then rolls back. A key that repeats is written twice, as one issue after the
    /// other (`JiraCSVImport.read` has refused it already when the issues come from a file). A `dryRun`
    /// does the whole import and rolls it back.
    public func importIssues(
        _ issues: [JiraIssue], source: String, team: String?, actor: String, dryRun: Bool = false
    ) async throws -> JiraImportOutcome {
        try await importing(source: source, team: team, actor: actor, dryRun: dryRun, checksKeys: false) {
            staging, add in
            try await add(try staging.piece(issues, from: 0))
        }
    }

    /// Imports the Jira CSV `file`, all or nothing, reading it a piece at a time: memory stays that of
    /// a piece whatever the file's size. Errors are `JiraCSVImport.read`'s and those of the database,
    /// each naming the file and line. `progress` hears, after each piece is written, how far the
    /// reading has come. A `dryRun` does the whole import and rolls it back: its outcome says what
    /// the import would create, update and resolve.
    ///
    /// A key that repeats is refused, naming both lines, as `JiraCSVImport.read` does; the database
    /// finds it (`JiraStaging.checkKeys`), so that no key is held here for the whole file.
    public func importFile(
        _ file: JiraCSVFile, team: String?, actor: String, dryRun: Bool = false,
        progress: (JiraCSVFile.Position) -> Void = { _ in }
    ) async throws -> JiraImportOutcome {
        try await importing(source: file.name, team: team, actor: actor, dryRun: dryRun, checksKeys: true) {
            staging, add in
            // Each piece is encoded for COPY where it is read, beside the writing of the one before.
            try await file.forEachPiece(
                checksKeys: false, preparing: { issues, read in try staging.piece(issues, from: read - issues.count) }
            ) { piece, position in
                try await add(piece)
                progress(position)
            }
        }
    }

    /// Runs one file's import in one transaction: `feed` hands the issues over, in file order, in as
    /// many pieces as it likes (`staging.piece` makes them), each staged and written together.
    func importing(
        source: String, team: String?, actor: String, dryRun: Bool = false, checksKeys: Bool,
        _ feed: (_ staging: JiraStaging, _ add: (JiraStaging.Piece) async throws -> Void) async throws -> Void
    ) async throws -> JiraImportOutcome {
        let logger = database.logger
        return try await database.transactionOrRollback(rollback: dryRun) { tx in
            let teamID = try await Self.team(team, source: source, on: tx, logger: logger)
            var outcome = JiraImportOutcome()
            let categories = try await Self.keys("SELECT key FROM categories", on: tx, logger: logger)
            try await JiraStaging.create(on: tx, logger: logger)
            var staging = JiraStaging(
                teamID: teamID, categories: categories, actor: actor, source: source, checksKeys: checksKeys)
            try await feed(staging) { piece in try await staging.write(piece, outcome: &outcome, on: tx, logger: logger)
            }
            try await AuditLog.record(
                actor: actor, verb: "import.jira", subject: source, teamID: teamID,
                details: ["created": String(outcome.created), "updated": String(outcome.updated)], on: tx,
                logger: logger)
            return outcome
        }
    }

    static func upsert(
        _ issue: JiraIssue, teamID: Int, categories: Set<String>, actor: String, outcome: inout JiraImportOutcome,
        on tx: PostgresConnection, logger: Logger
    ) async throws {
        let status = issue.firebreakStatus
        let category = issue.labels.first { categories.contains($0) }
        var id: Int?
        for try await found in try await tx.query(
            "SELECT id FROM actions WHERE external_key = \(issue.key)", logger: logger
        ).decode(Int.self) { id = found }
        if id == nil, let named = firebreakKey(in: issue.description) {
            for try await found in try await tx.query(
                "SELECT id FROM actions WHERE key = \(named) AND external_key IS NULL", logger: logger
            ).decode(Int.self) { id = found }
        }
        if id == nil {
            for try await found in try await tx.query("SELECT id FROM actions WHERE key = \(issue.key)", logger: logger)
                .decode(Int.self)
            { id = found }
        }
        let resolved = status == .done || status == .wontfix
        let lists = issue.listColumns
        if let id {
            var before = "{}"
            for try await row in try await tx.query(
                "SELECT action_audit_row(a)::text FROM actions a WHERE a.id = \(id)", logger: logger
            ).decode(String.self) { before = row }
            let rows = try await tx.query(
                """
                UPDATE actions SET title = \(issue.summary), external_key = \(issue.key),
                    estimate = coalesce(\(issue.estimate), estimate), due_on = coalesce(\(issue.due?.description)::date, due_on),
                    category_key = coalesce(\(category), category_key),
                    status = CASE WHEN \(resolved) AND status IN ('open', 'claimed') THEN \(status.rawValue) ELSE status END,
                    claimed_by = CASE WHEN \(resolved) THEN NULL ELSE claimed_by END,
                    labels = CASE WHEN \(lists.contains(.labels)) THEN \(issue.labels) ELSE labels END,
                    components = CASE WHEN \(lists.contains(.components)) THEN \(issue.components) ELSE components END,
                    sprints = CASE WHEN \(lists.contains(.sprints)) THEN \(issue.sprints) ELSE sprints END,
                    version = version + 1, updated_at = now()
                WHERE id = \(id)
                RETURNING key
                """, logger: logger)
            outcome.updated += 1
            if resolved { outcome.resolved += 1 }
            for try await key in rows.decode(String.self) {
                try await link(issue, actionID: id, on: tx, logger: logger)
                try await tx.query(
                    """
                    INSERT INTO audit_entries (actor, verb, subject, team_id, details)
                    SELECT \(actor), 'import.jira.update', \(key), \(teamID),
                        jsonb_build_object('jira', \(issue.key)::text) || audit_changes(\(before)::jsonb, action_audit_row(a))
                    FROM actions a WHERE a.id = \(id)
                    """, logger: logger)
            }
            return
        }
        try await KeyAllocator.reserve(issue.key, on: tx, logger: logger)
        let rows = try await tx.query(
            """
            INSERT INTO actions (key, title, description, kind, category_key, estimate, status, due_on, external_key, team_id,
                labels, components, sprints)
            VALUES (\(issue.key), \(issue.summary), \(JiraCSVWriter.ownDescription(issue.description)), \((issue.kind ?? .prevent).rawValue),
                \(category), \(issue.estimate), \(status == .claimed ? "open" : status.rawValue), \(issue.due?.description)::date,
                \(issue.key), \(teamID), \(issue.labels), \(issue.components), \(issue.sprints))
            RETURNING id
            """, logger: logger)
        for try await newID in rows.decode(Int.self) {
            try await link(issue, actionID: newID, on: tx, logger: logger)
        }
        outcome.created += 1
        if resolved { outcome.resolved += 1 }
        try await AuditLog.record(
            actor: actor, verb: "import.jira.create", subject: issue.key, teamID: teamID, details: ["jira": issue.key],
            on: tx, logger: logger)
    }

    /// Labels that name an incident link the action to it (a Firebreak export carries them).
    static func link(_ issue: JiraIssue, actionID: Int, on tx: PostgresConnection, logger: Logger) async throws {
        let candidates = issue.labels.filter(ItemKey.isValid)
        guard !candidates.isEmpty else { return }
        try await tx.query(
            """
            INSERT INTO action_incidents (action_id, incident_id, coverage, position)
            SELECT \(actionID), i.id, 1, 0 FROM incidents i WHERE i.key = ANY(\(candidates))
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    /// `Firebreak ACT-14 (detect), rank 5` → `ACT-14`: the key a Firebreak export wrote.
    static func firebreakKey(in description: String) -> String? {
        guard description.utf8Contains("Firebreak "), let range = description.range(of: "Firebreak ") else {
            return nil
        }
        let key = description[range.upperBound...].prefix { !$0.isWhitespace && $0 != "(" && $0 != "," }
        return ItemKey.isValid(key) ? String(key) : nil
    }

    static func team(_ key: String?, source: String, on tx: PostgresConnection, logger: Logger) async throws -> Int {
        if let key { return try await ActionStore.teamID(key, on: tx, logger: logger) }
        var ids: [Int] = []
        for try await id in try await tx.query("SELECT id FROM teams ORDER BY id LIMIT 2", logger: logger).decode(
            Int.self)
        {
            ids.append(id)
        }
        guard ids.count == 1 else {
            throw ReportError(
                file: source, line: 1,
                reason: ids.isEmpty
                    ? "no team yet; create one with `firebreak team create KEY --name NAME`"
                    : "several teams: pass --team")
        }
        return ids[0]
    }

    static func keys(_ query: PostgresQuery, on tx: PostgresConnection, logger: Logger) async throws -> Set<String> {
        var result: Set<String> = []
        for try await key in try await tx.query(query, logger: logger).decode(String.self) { result.insert(key) }
        return result
    }
}
