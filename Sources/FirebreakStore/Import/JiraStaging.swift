import FirebreakCore
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// One Jira import's issues on their way into the backlog: each piece is sent by `COPY … FROM
/// STDIN` into a temporary table, `jira_piece`, and written from there by one statement that
/// finds, inserts and updates the actions and writes their links, the key counters and the audit
/// entries together (`JiraImporter` writes one file in one transaction; the tables go with it).
///
/// The statement writes what writing the issues one at a time writes. Each issue's action is
/// found as `JiraImporter.upsert` finds it, against the actions as they were before the
/// statement; an issue whose action an earlier issue of the same statement also touches, or
/// whose key an earlier one has, would see that earlier change one at a time, so the statement
/// stops before it and the next one starts there.
struct JiraStaging {
    let teamID: Int
    let categories: Set<String>
    let actor: String
    /// The file, named in errors.
    let source: String
    /// Whether a key that repeats in the file is refused, naming both lines (a file: `importFile`).
    /// The keys and lines are kept in a second temporary table, `jira_keys`, not in this process.
    let checksKeys: Bool
    /// Issues staged so far: the next one's number (`n`, the order they are written in).
    private(set) var staged = 0

    /// Issues a statement starts with after one that stopped early: enough that a statement's cost
    /// is small beside its rows (doubled after each statement that writes that many).
    static let smallestRound = 1_000
    /// Bytes sent to the database at a time by `COPY`.
    static let sendSize = 1 << 18

    /// The columns `COPY` fills, in the order `encode` writes them.
    static let columns = [
        "n", "line", "key", "named", "title", "description", "kind", "category_key", "estimate", "status", "due_on",
        "labels", "components", "sprints", "has_labels", "has_components", "has_sprints", "incident_keys",
        "reserve_prefix", "reserve_number", "skipped",
    ]

    /// Makes the temporary tables, dropped when the transaction ends (a dry run's rollback too).
    static func create(on tx: PostgresConnection, logger: Logger) async throws {
        try await tx.query(
            """
            CREATE TEMPORARY TABLE jira_piece (
                n integer NOT NULL, line integer NOT NULL, key text NOT NULL, named text, title text NOT NULL,
                description text NOT NULL, kind text NOT NULL, category_key text, estimate double precision,
                status text NOT NULL, due_on date, labels text[] NOT NULL, components text[] NOT NULL,
                sprints text[] NOT NULL, has_labels boolean NOT NULL, has_components boolean NOT NULL,
                has_sprints boolean NOT NULL, incident_keys text[] NOT NULL, reserve_prefix text, reserve_number bigint,
                skipped boolean NOT NULL
            ) ON COMMIT DROP
            """, logger: logger)
        try await tx.query(
            "CREATE TEMPORARY TABLE jira_keys (key text NOT NULL, line integer NOT NULL) ON COMMIT DROP",
            logger: logger)
        try await tx.query("CREATE UNIQUE INDEX ON jira_keys (key)", logger: logger)
    }

    /// Issues ready for `write`: `COPY`'s rows for them, made where the file is read (`piece`), so
    /// that the next piece is encoded while the database writes the last.
    struct Piece: Sendable {
        /// The number of the first issue (the issues before it in the file).
        var first: Int
        var count: Int
        /// Epics and sub-tasks among them.
        var skipped: Int
        var rows: ByteBuffer
    }

    /// `issues`, the first of them number `first`, as `COPY`'s rows; an error naming the issue and its
    /// line when a text of one holds a NUL character, which no text column can.
    func piece(_ issues: [JiraIssue], from first: Int) throws -> Piece {
        var rows = ByteBuffer()
        rows.reserveCapacity(issues.count * 512)
        var skipped = 0
        for (offset, issue) in issues.enumerated() {
            let skip = issue.isEpic || issue.isSubtask
            if skip { skipped += 1 }
            guard encode(issue, n: first + offset, skipped: skip, into: &rows) else {
                let words = Database.translate(state: "22021", constraint: nil, column: nil)
                throw ReportError(file: source, line: issue.line, reason: "\(issue.key): \(words.message)")
            }
        }
        return Piece(first: first, count: issues.count, skipped: skipped, rows: rows)
    }

    /// Writes `piece`, which follows those written before in the file. Epics and sub-tasks are
    /// skipped, and counted; their keys are checked with the others'.
    mutating func write(
        _ piece: Piece, outcome: inout JiraImportOutcome, on tx: PostgresConnection, logger: Logger
    ) async throws {
        precondition(piece.first == staged, "pieces are written in file order")
        guard piece.count > 0 else { return }
        let first = staged
        try await tx.query("TRUNCATE jira_piece", logger: logger)
        try await tx.copyFrom(table: "jira_piece", columns: Self.columns, logger: logger) { writer in
            var rows = piece.rows
            while rows.readableBytes > 0, let part = rows.readSlice(length: min(Self.sendSize, rows.readableBytes)) {
                try await writer.write(part)
            }
        }
        // Without statistics the planner takes the piece for a few rows and may join the statement's
        // CTEs by nested loops over their rows (minutes for a piece instead of a third of a second).
        // With them, it would look the actions up by a scan of the table: OFFSET 0 keeps those lookups
        // index probes.
        try await tx.query("ANALYZE jira_piece", logger: logger)
        staged += piece.count
        outcome.skipped += piece.skipped
        if checksKeys { try await checkKeys(count: piece.count, on: tx, logger: logger) }
        var start = first
        var size = piece.count
        while start < staged {
            let next = try await writeRound(
                start..<min(staged, start + size), outcome: &outcome, on: tx, logger: logger)
            size = max(Self.smallestRound, 2 * (next - start))
            start = next
        }
    }

    /// Refuses a key that an earlier issue of the file has, naming both lines, as `JiraCSVStream`
    /// does, and keeps the piece's keys for the pieces after it: the first line of each key is kept,
    /// so that an issue of the piece that does not keep its own line repeats a key. The piece holds
    /// `count` issues.
    func checkKeys(count: Int, on tx: PostgresConnection, logger: Logger) async throws {
        var kept = 0
        for try await n in try await tx.query(
            """
            WITH kept AS (
                INSERT INTO jira_keys (key, line) SELECT key, line FROM jira_piece ORDER BY n
                ON CONFLICT (key) DO NOTHING
                RETURNING 1)
            SELECT count(*)::int FROM kept
            """, logger: logger
        ).decode(Int.self) { kept = n }
        guard kept < count else { return }
        let rows = try await tx.query(
            """
            SELECT p.key, p.line, k.line FROM jira_piece p JOIN jira_keys k ON k.key = p.key
            WHERE k.line <> p.line
            ORDER BY p.n
            LIMIT 1
            """, logger: logger)
        for try await (key, line, earlier) in rows.decode((String, Int, Int).self) {
            throw ReportError(file: source, line: line, reason: "issue \(key) is also on line \(earlier)")
        }
    }

    /// Writes the issues numbered `range`, or the longest run of them from the first that the statement
    /// can write together, under a savepoint; returns the number of the first it did not write (the
    /// range's end when it wrote them all). When the database refuses them, writes the first half
    /// instead, and so on down to the one issue it refuses, named with its line (those before it are
    /// written, as one at a time; the whole file then rolls back).
    func writeRound(
        _ range: Range<Int>, outcome: inout JiraImportOutcome, on tx: PostgresConnection, logger: Logger
    ) async throws -> Int {
        try await tx.query("SAVEPOINT jira_round", logger: logger)
        let refusal: StoreError
        do {
            let next = try await statement(range, outcome: &outcome, on: tx, logger: logger)
            try await tx.query("RELEASE SAVEPOINT jira_round", logger: logger)
            return next
        } catch {
            guard let store = Database.translate(error) as? StoreError, store.kind != .unavailable else { throw error }
            refusal = store
        }
        try await tx.query("ROLLBACK TO SAVEPOINT jira_round", logger: logger)
        try await tx.query("RELEASE SAVEPOINT jira_round", logger: logger)
        guard range.count > 1 else {
            for try await (key, line) in try await tx.query(
                "SELECT key, line FROM jira_piece WHERE n = \(range.lowerBound)", logger: logger
            ).decode((String, Int).self) {
                throw ReportError(file: source, line: line, reason: "\(key): \(refusal.message)")
            }
            throw refusal
        }
        let half = range.lowerBound..<(range.lowerBound + range.count / 2)
        return try await writeRound(half, outcome: &outcome, on: tx, logger: logger)
    }

    /// The statement: the issues numbered `range` up to the first that depends on an earlier one, each
    /// one's action found, inserted or updated, linked to the incidents its labels name, the key
    /// counters past the new keys (`KeyAllocator.reserve`), an audit entry each, in file order; the
    /// number of the first issue it did not write. The lookups carry each issue's number and key only:
    /// its texts are copied once, for the writing.
    func statement(
        _ range: Range<Int>, outcome: inout JiraImportOutcome, on tx: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let rows = try await tx.query(
            """
            WITH w AS MATERIALIZED (
                SELECT p.n, p.key, coalesce(e.id, f.id, k.id) AS found
                FROM jira_piece p
                LEFT JOIN LATERAL (SELECT id FROM actions WHERE external_key = p.key OFFSET 0) e ON true
                LEFT JOIN LATERAL (SELECT id FROM actions WHERE key = p.named AND external_key IS NULL OFFSET 0) f ON true
                LEFT JOIN LATERAL (SELECT id FROM actions WHERE key = p.key OFFSET 0) k ON true
                WHERE p.n >= \(range.lowerBound) AND p.n < \(range.upperBound) AND NOT p.skipped),
            stop AS (
                SELECT coalesce(min(n), \(range.upperBound)) AS n
                FROM (SELECT n, found, row_number() OVER (PARTITION BY found ORDER BY n) AS by_found,
                        row_number() OVER (PARTITION BY key ORDER BY n) AS by_key FROM w) AS c
                WHERE (found IS NOT NULL AND by_found > 1) OR by_key > 1),
            r AS MATERIALIZED (SELECT p.*, w.found FROM w JOIN jira_piece p ON p.n = w.n, stop WHERE w.n < stop.n),
            created AS (
                INSERT INTO actions (key, title, description, kind, category_key, estimate, status, due_on,
                    external_key, team_id, labels, components, sprints)
                SELECT key, title, description, kind, category_key, estimate, status, due_on, key, \(teamID), labels,
                    components, sprints
                FROM r WHERE found IS NULL ORDER BY n
                RETURNING id, key),
            prior AS (SELECT a.id, action_audit_row(a) AS row FROM actions a JOIN r ON a.id = r.found),
            updated AS (
                UPDATE actions a SET title = r.title, external_key = r.key,
                    estimate = coalesce(r.estimate, a.estimate), due_on = coalesce(r.due_on, a.due_on),
                    category_key = coalesce(r.category_key, a.category_key),
                    status = CASE WHEN r.status IN ('done', 'wontfix') AND a.status IN ('open', 'claimed')
                        THEN r.status ELSE a.status END,
                    claimed_by = CASE WHEN r.status IN ('done', 'wontfix') THEN NULL ELSE a.claimed_by END,
                    labels = CASE WHEN r.has_labels THEN r.labels ELSE a.labels END,
                    components = CASE WHEN r.has_components THEN r.components ELSE a.components END,
                    sprints = CASE WHEN r.has_sprints THEN r.sprints ELSE a.sprints END,
                    version = a.version + 1, updated_at = now()
                FROM r WHERE a.id = r.found
                RETURNING a.id, a.key, action_audit_row(a) AS row),
            done AS MATERIALIZED (
                SELECT r.n, r.key AS jira, r.found IS NULL AS new, r.incident_keys, coalesce(c.id, u.id) AS id,
                    coalesce(c.key, u.key) AS subject, audit_changes(p.row, u.row) AS changes
                FROM r LEFT JOIN created c ON r.found IS NULL AND c.key = r.key
                LEFT JOIN updated u ON u.id = r.found LEFT JOIN prior p ON p.id = r.found),
            links AS (
                INSERT INTO action_incidents (action_id, incident_id, coverage, position)
                SELECT d.id, i.id, 1, 0
                FROM done d CROSS JOIN LATERAL unnest(d.incident_keys) WITH ORDINALITY AS l(key, o)
                JOIN incidents i ON i.key = l.key
                WHERE d.id IS NOT NULL
                ORDER BY d.n, l.o
                ON CONFLICT DO NOTHING),
            counters AS (
                UPDATE key_counters k SET last = greatest(k.last, m.last)
                FROM (SELECT reserve_prefix AS prefix, max(reserve_number) AS last FROM r
                    WHERE found IS NULL AND reserve_prefix IS NOT NULL GROUP BY reserve_prefix) AS m
                WHERE k.prefix = m.prefix),
            audit AS (
                INSERT INTO audit_entries (actor, verb, subject, team_id, details)
                SELECT \(actor), CASE WHEN d.new THEN 'import.jira.create' ELSE 'import.jira.update' END, d.subject,
                    \(teamID), jsonb_build_object('jira', d.jira) || coalesce(d.changes, '{}')
                FROM done d WHERE d.subject IS NOT NULL
                ORDER BY d.n)
            SELECT (SELECT n FROM stop), count(*)::int, (count(*) FILTER (WHERE found IS NULL))::int,
                (count(*) FILTER (WHERE status IN ('done', 'wontfix')))::int
            FROM r
            """, logger: logger)
        // Counted once the statement is done: its triggers may still refuse it after its row.
        var counts = (next: range.upperBound, written: 0, created: 0, resolved: 0)
        for try await row in rows.decode((Int, Int, Int, Int).self) { counts = row }
        outcome.created += counts.created
        outcome.updated += counts.written - counts.created
        outcome.resolved += counts.resolved
        return counts.next
    }
}
