import FirebreakCore
import Foundation
import Logging
import PostgresNIO

/// Issues written together: a lookup, an INSERT, an UPDATE, the links and the audit entries of up
/// to `JiraImporter.chunkSize` issues in five statements, instead of four to six for each issue.
struct JiraChunk {
    let teamID: Int
    let categories: Set<String>
    let actor: String

    /// What one issue does: its action found (by id), or a new one.
    struct Planned {
        var issue: JiraIssue
        var existing: Int?
        /// `issue.firebreakStatus`, worked out once.
        var status: ActionStatus
    }

    /// Writes the longest run of `issues`, from the first, whose lookups cannot depend on each other;
    /// returns how many it wrote. An issue whose action an earlier one of the run already changed
    /// waits for the next run, where its lookup sees that change, as it would one issue at a time.
    func write(
        _ issues: ArraySlice<JiraIssue>, outcome: inout JiraImportOutcome, on tx: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let found = try await find(issues, on: tx, logger: logger)
        var planned: [Planned] = []
        var touched: Set<Int> = []
        var keys: Set<String> = []
        for (issue, id) in zip(issues, found) {
            if let id, !touched.insert(id).inserted { break }
            guard keys.insert(issue.key).inserted else { break }
            planned.append(Planned(issue: issue, existing: id, status: issue.firebreakStatus))
        }
        let created = planned.filter { $0.existing == nil }
        let updated = planned.filter { $0.existing != nil }
        let newIDs = try await insert(created, on: tx, logger: logger)
        let updatedKeys = try await update(updated, on: tx, logger: logger)
        var linkActions: [Int] = []
        var linkKeys: [String] = []
        var audit: [(verb: String, subject: String, jira: String)] = []
        var newIndex = 0
        for p in planned {
            if p.status == .done || p.status == .wontfix { outcome.resolved += 1 }
            let id: Int
            if let existing = p.existing {
                id = existing
                outcome.updated += 1
                guard let key = updatedKeys[existing] else { continue }
                audit.append(("import.jira.update", key, p.issue.key))
            } else {
                id = newIDs[newIndex]
                newIndex += 1
                outcome.created += 1
                audit.append(("import.jira.create", p.issue.key, p.issue.key))
            }
            for key in p.issue.labels where ItemKey.isValid(key) {
                linkActions.append(id)
                linkKeys.append(key)
            }
        }
        try await link(linkActions, linkKeys, on: tx, logger: logger)
        try await record(audit, reserving: created.map(\.issue.key), on: tx, logger: logger)
        return planned.count
    }

    /// The action each issue updates, as `JiraImporter.upsert` finds it: the one with its Jira key as
    /// external key, else the Firebreak action its description names (without an external key), else
    /// the one keyed by its Jira key; nil for a new one.
    func find(_ issues: ArraySlice<JiraIssue>, on tx: PostgresConnection, logger: Logger) async throws -> [Int?] {
        let keys = issues.map(\.key)
        let named = NullableArray(issues.map { JiraImporter.firebreakKey(in: $0.description) })
        let rows = try await tx.query(
            """
            SELECT u.n::int, coalesce(e.id, f.id, k.id)
            FROM unnest(\(keys)::text[], \(named)::text[]) WITH ORDINALITY AS u(key, named, n)
            LEFT JOIN LATERAL (SELECT id FROM actions WHERE external_key = u.key) e ON true
            LEFT JOIN LATERAL (SELECT id FROM actions WHERE key = u.named AND external_key IS NULL) f ON true
            LEFT JOIN LATERAL (SELECT id FROM actions WHERE key = u.key) k ON true
            WHERE e.id IS NOT NULL OR f.id IS NOT NULL OR k.id IS NOT NULL
            """, logger: logger)
        var found = [Int?](repeating: nil, count: issues.count)
        for try await (n, id) in rows.decode((Int, Int).self) { found[n - 1] = id }
        return found
    }

    /// A column of lists (labels, components, sprints) as one flat array and, for each row, where its
    /// list starts (1-based) and ends in it: `flat[from:to]`, empty when `to < from`.
    struct Lists {
        var flat: [String] = []
        var from: [Int] = []
        var to: [Int] = []

        init(_ lists: [[String]]) {
            for list in lists {
                from.append(flat.count + 1)
                flat += list
                to.append(flat.count)
            }
        }
    }

    /// The new actions' ids, in order.
    func insert(_ planned: [Planned], on tx: PostgresConnection, logger: Logger) async throws -> [Int] {
        guard !planned.isEmpty else { return [] }
        let issues = planned.map(\.issue)
        let keys = issues.map(\.key)
        let statuses = planned.map { ($0.status == .claimed ? ActionStatus.open : $0.status).rawValue }
        let labels = Lists(issues.map(\.labels))
        let components = Lists(issues.map(\.components))
        let sprints = Lists(issues.map(\.sprints))
        let rows = try await tx.query(
            """
            INSERT INTO actions (key, title, description, kind, category_key, estimate, status, due_on, external_key,
                team_id, labels, components, sprints)
            SELECT u.key, u.title, u.description, u.kind, u.category_key, u.estimate, u.status, u.due_on::date, u.key,
                \(teamID), (\(labels.flat)::text[])[u.labels_from:u.labels_to],
                (\(components.flat)::text[])[u.components_from:u.components_to],
                (\(sprints.flat)::text[])[u.sprints_from:u.sprints_to]
            FROM unnest(\(keys)::text[], \(issues.map(\.summary))::text[],
                \(issues.map { JiraCSVWriter.ownDescription($0.description) })::text[],
                \(issues.map { ($0.kind ?? .prevent).rawValue })::text[],
                \(NullableArray(issues.map(category)))::text[], \(NullableArray(issues.map(\.estimate)))::float8[],
                \(statuses)::text[], \(NullableArray(issues.map { $0.due?.description }))::text[],
                \(labels.from)::int[], \(labels.to)::int[], \(components.from)::int[], \(components.to)::int[],
                \(sprints.from)::int[], \(sprints.to)::int[])
                WITH ORDINALITY AS u(key, title, description, kind, category_key, estimate, status, due_on,
                    labels_from, labels_to, components_from, components_to, sprints_from, sprints_to, n)
            ORDER BY u.n
            RETURNING id, key
            """, logger: logger)
        return try await ReportSegment.ids(rows, keys: keys)
    }

    /// Updates the found actions as `JiraImporter.upsert` does; their keys by id.
    func update(_ planned: [Planned], on tx: PostgresConnection, logger: Logger) async throws -> [Int: String] {
        guard !planned.isEmpty else { return [:] }
        let issues = planned.map(\.issue)
        let statuses = planned.map(\.status)
        let labels = Lists(issues.map(\.labels))
        let components = Lists(issues.map(\.components))
        let sprints = Lists(issues.map(\.sprints))
        let rows = try await tx.query(
            """
            UPDATE actions a SET title = u.title, external_key = u.key,
                estimate = coalesce(u.estimate, a.estimate), due_on = coalesce(u.due_on::date, a.due_on),
                category_key = coalesce(u.category_key, a.category_key),
                status = CASE WHEN u.resolved AND a.status IN ('open', 'claimed') THEN u.status ELSE a.status END,
                claimed_by = CASE WHEN u.resolved THEN NULL ELSE a.claimed_by END,
                labels = CASE WHEN u.has_labels THEN (\(labels.flat)::text[])[u.labels_from:u.labels_to]
                    ELSE a.labels END,
                components = CASE WHEN u.has_components
                    THEN (\(components.flat)::text[])[u.components_from:u.components_to] ELSE a.components END,
                sprints = CASE WHEN u.has_sprints THEN (\(sprints.flat)::text[])[u.sprints_from:u.sprints_to]
                    ELSE a.sprints END,
                version = a.version + 1, updated_at = now()
            FROM unnest(\(planned.map { $0.existing! })::bigint[], \(issues.map(\.key))::text[],
                \(issues.map(\.summary))::text[], \(NullableArray(issues.map(\.estimate)))::float8[],
                \(NullableArray(issues.map { $0.due?.description }))::text[],
                \(NullableArray(issues.map(category)))::text[],
                \(statuses.map { $0 == .done || $0 == .wontfix })::bool[], \(statuses.map(\.rawValue))::text[],
                \(issues.map { $0.listColumns.contains(.labels) })::bool[], \(labels.from)::int[], \(labels.to)::int[],
                \(issues.map { $0.listColumns.contains(.components) })::bool[], \(components.from)::int[],
                \(components.to)::int[], \(issues.map { $0.listColumns.contains(.sprints) })::bool[],
                \(sprints.from)::int[], \(sprints.to)::int[])
                AS u(id, key, title, estimate, due_on, category_key, resolved, status, has_labels, labels_from,
                    labels_to, has_components, components_from, components_to, has_sprints, sprints_from, sprints_to)
            WHERE a.id = u.id
            RETURNING a.id, a.key
            """, logger: logger)
        var keys: [Int: String] = [:]
        for try await (id, key) in rows.decode((Int, String).self) { keys[id] = key }
        return keys
    }

    /// The first label that names a category.
    func category(_ issue: JiraIssue) -> String? { issue.labels.first { categories.contains($0) } }

    /// Labels that name an incident link the action to it (`JiraImporter.link`).
    func link(_ actions: [Int], _ keys: [String], on tx: PostgresConnection, logger: Logger) async throws {
        guard !actions.isEmpty else { return }
        try await tx.query(
            """
            INSERT INTO action_incidents (action_id, incident_id, coverage, position)
            SELECT u.action_id, i.id, 1, 0
            FROM unnest(\(actions)::bigint[], \(keys)::text[]) WITH ORDINALITY AS u(action_id, key, n)
            JOIN incidents i ON i.key = u.key
            ORDER BY u.n
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    /// The audit entries, in issue order, and the key counters past the new actions' keys (`KeyAllocator.reserve`).
    func record(
        _ audit: [(verb: String, subject: String, jira: String)], reserving keys: [String], on tx: PostgresConnection,
        logger: Logger
    ) async throws {
        var reserved: [String: Int] = [:]
        for key in keys {
            for prefix in KeyAllocator.prefixes {
                guard let number = ItemKey.assignedNumber(key, prefix: prefix) else { continue }
                reserved[prefix] = max(reserved[prefix] ?? 0, number)
            }
        }
        let prefixes = reserved.keys.sorted()
        try await tx.query(
            """
            WITH counters AS (
                UPDATE key_counters k SET last = greatest(k.last, u.last)
                FROM unnest(\(prefixes)::text[], \(prefixes.map { reserved[$0]! })::bigint[]) AS u(prefix, last)
                WHERE k.prefix = u.prefix)
            INSERT INTO audit_entries (actor, verb, subject, team_id, details)
            SELECT \(actor), u.verb, u.subject, \(teamID), jsonb_build_object('jira', u.jira)
            FROM unnest(\(audit.map(\.verb))::text[], \(audit.map(\.subject))::text[], \(audit.map(\.jira))::text[])
                WITH ORDINALITY AS u(verb, subject, jira, n)
            ORDER BY u.n
            """, logger: logger)
    }
}
