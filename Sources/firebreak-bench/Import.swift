import ArgumentParser
import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO

/// Importing outage reports and a Jira CSV export through the real CLI, each beside PostgreSQL's
/// own `COPY` of the same data, and the Jira import's peak memory at two sizes.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "firebreak import of reports and of a Jira CSV vs. COPY of the same rows (goals ≤ 10 and ≤ 5).",
        discussion: """
            Reports: `firebreak import DIR` of canonical Markdown reports (reading and parsing the files is in
            its time, as it is in a user's), against one psql session that COPYs the very rows that import
            wrote (every table it writes, ids included) from text files, in one transaction.
            Jira: `firebreak import FILE.csv` of a Jira Cloud-shaped export, against psql's
            `\\copy staging FROM FILE WITH (FORMAT csv, HEADER)` of the same file into a table of text columns.
            Both contenders are processes, alternated round by round on a database emptied before each.
            Peak memory is the CLI's own VmHWM importing the Jira CSV at each of --memory-sizes rows.
            """)

    enum Case: String, ExpressibleByArgument, CaseIterable {
        case reports, jira, all
    }

    @Option(help: "Outage reports to import (3 actions each).") var reports = 10_000
    @Option(help: "Rows of the Jira CSV.") var jiraRows = 100_000
    @Option(help: "Jira CSV rows for the memory comparison, comma-separated.") var memorySizes = "10000,100000"
    @Option(help: "Timed rounds (after a warm-up).") var runs = 3
    @Option(help: "reports, jira or all.") var only = Case.all
    @Option(help: "The firebreak executable.") var firebreak = ".build/release/firebreak"

    func run() async throws {
        let sizes = memorySizes.split(separator: ",").compactMap { Int($0) }
        var figures: [Figure] = []
        if only != .jira {
            figures += try await Self.measureReports(reports, runs: runs, firebreak: firebreak)
        }
        if only != .reports {
            figures += try await Self.measureJira(jiraRows, memorySizes: sizes, runs: runs, firebreak: firebreak)
        }
        print(Figure.table(figures))
    }

    static let team = SyntheticTeam.key
    /// The tables a report import writes, parents first (the order COPY must fill them in).
    static let reportTables = [
        "components", "incidents", "incident_components", "incident_categories", "actions", "action_incidents",
        "action_dependencies", "audit_entries",
    ]

    static func scratch(_ name: String) -> URL {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("firebreak-bench-\(getpid())-\(name)")
    }

    // MARK: - Reports

    static func measureReports(_ count: Int, runs: Int, firebreak: String) async throws -> [Figure] {
        try requireExecutable(firebreak)
        let folder = scratch("reports")
        let rows = scratch("report-rows")
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: rows)
            for script in ["dump", "load"] { try? FileManager.default.removeItem(at: scratch("\(script).sql")) }
        }
        let written = try await Timing.measure { try ImportData.writeReports(count, team: team, to: folder) }
        print(String(format: "%d reports written in %.1f s", count, written))
        try FileManager.default.createDirectory(at: rows, withIntermediateDirectories: true)
        return try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await TeamStore(database: db).create(Team(key: team, name: "Benchmark team"), actor: "bench")
            var ours: [Double] = []
            var copy: [Double] = []
            var expected: [Int] = []
            for round in 0...runs {
                try await emptyReportTables(db)
                let a = try Export.spawn(firebreak, ["import", folder.path, "--team", team], url: fresh.url).seconds
                let imported = try await counts(reportTables, in: db)
                if round == 0 {
                    expected = imported
                    try dump(reportTables, to: rows, url: fresh.url)
                    print(
                        "the import wrote: " + zip(reportTables, imported).map { "\($1) \($0)" }.joined(separator: ", ")
                    )
                }
                guard imported == expected, imported[1] == count, imported[4] == 3 * count else {
                    throw ValidationError("the import wrote \(imported) rows; expected \(expected)")
                }
                try await emptyReportTables(db)
                let b = try Export.spawn(
                    "/usr/bin/psql", psqlScript(load: reportTables, from: rows, url: fresh.url), url: fresh.url
                ).seconds
                guard try await counts(reportTables, in: db) == expected else {
                    throw ValidationError("COPY did not load the rows the import wrote")
                }
                print(String(format: "round %d: import %.2f s, COPY %.2f s, ratio %.2f", round, a, b, a / b))
                if round > 0 {
                    ours.append(a)
                    copy.append(b)
                }
            }
            return [
                Figure.time(
                    "import of \(count) reports, \(3 * count) actions (parsing included)", Timing.median(ours),
                    baseline: "COPY of the rows it wrote", Timing.median(copy), goal: .ratioAtMost(10))
            ]
        }
    }

    static func emptyReportTables(_ db: Database) async throws {
        try await db.client.query(
            """
            TRUNCATE components, incidents, incident_components, incident_categories, actions, action_incidents,
                action_dependencies, audit_entries RESTART IDENTITY
            """, logger: db.logger)
        try await db.client.query("UPDATE key_counters SET last = 0", logger: db.logger)
    }

    static func counts(_ tables: [String], in db: Database) async throws -> [Int] {
        var result: [Int] = []
        for table in tables {
            result.append(
                try await Fixtures.count(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"), in: db))
        }
        return result
    }

    /// Writes each table's rows (every column) to `folder/TABLE.tsv` in COPY's text format.
    static func dump(_ tables: [String], to folder: URL, url: String) throws {
        let script = tables.map { table in
            "\\copy (SELECT * FROM \(table) ORDER BY 1) TO '\(folder.appendingPathComponent("\(table).tsv").path)'"
        }
        _ = try Export.spawn("/usr/bin/psql", try psqlArguments(script, name: "dump", url: url), url: url)
    }

    /// psql arguments that COPY each table from `folder/TABLE.tsv`, in one transaction.
    static func psqlScript(load tables: [String], from folder: URL, url: String) throws -> [String] {
        let lines =
            ["BEGIN;"]
            + tables.map { "\\copy \($0) FROM '\(folder.appendingPathComponent("\($0).tsv").path)'" } + ["COMMIT;"]
        return try psqlArguments(lines, name: "load", url: url)
    }

    /// `psql -f` of a script of `lines` (written next to the data), stopping at the first error.
    static func psqlArguments(_ lines: [String], name: String, url: String) throws -> [String] {
        let file = scratch("\(name).sql")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        return ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", file.path]
    }

    // MARK: - Jira

    static let jiraTables = ["actions", "action_incidents", "audit_entries"]

    static func measureJira(_ rows: Int, memorySizes: [Int], runs: Int, firebreak: String) async throws -> [Figure] {
        try requireExecutable(firebreak)
        let file = scratch("jira.csv")
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: scratch("jira.sql"))
        }
        let incidents = 1_000
        try ImportData.writeJira(rows, incidents: incidents, to: file)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        print("Jira CSV: \(rows) rows, \(bytes / 1_048_576) MiB")
        var figures: [Figure] = []
        figures.append(
            contentsOf: try await TestDatabase.withFresh { fresh in
                let db = fresh.database
                try await prepareJira(db, incidents: incidents)
                var ours: [Double] = []
                var copy: [Double] = []
                var floor: [Double] = []
                for round in 0...runs {
                    try await emptyJiraTables(db)
                    let a = try Export.spawn(firebreak, ["import", file.path, "--team", team], url: fresh.url).seconds
                    let actions = try await counts(["actions"], in: db)[0]
                    if round == 0 { try await holdJiraRows(db) }
                    let b = try Export.spawn(
                        "/usr/bin/psql",
                        try psqlArguments(
                            [
                                "BEGIN;", "TRUNCATE jira_staging;",
                                "\\copy jira_staging FROM '\(file.path)' WITH (FORMAT csv, HEADER true)", "COMMIT;",
                            ], name: "jira", url: fresh.url), url: fresh.url
                    ).seconds
                    let staged = try await counts(["jira_staging"], in: db)[0]
                    guard staged == rows, actions > rows * 9 / 10 else {
                        throw ValidationError("the import made \(actions) actions and COPY \(staged) rows of \(rows)")
                    }
                    try await emptyJiraTables(db)
                    let c = try Export.spawn(
                        "/usr/bin/psql", try psqlArguments(insertHeldJiraRows, name: "jira-floor", url: fresh.url),
                        url: fresh.url
                    ).seconds
                    print(
                        String(
                            format:
                                "round %d: import %.2f s, COPY %.2f s, ratio %.2f; INSERT … SELECT %.2f s (%.2f × COPY)",
                            round, a, b, a / b, c, c / b))
                    if round > 0 {
                        ours.append(a)
                        copy.append(b)
                        floor.append(c)
                    }
                }
                return [
                    Figure.time(
                        "Jira CSV import of \(rows) rows", Timing.median(ours),
                        baseline: "COPY … CSV into a staging table", Timing.median(copy), goal: .ratioAtMost(5)),
                    Figure.time(
                        "writing the rows that import wrote, alone: INSERT … SELECT into actions, links, audit",
                        Timing.median(floor), baseline: "COPY … CSV into a staging table", Timing.median(copy),
                        goal: .ratioAtMost(5)),
                ]
            })
        var peaks: [(Int, Int)] = []
        for size in memorySizes {
            let sized = scratch("jira-\(size).csv")
            defer { try? FileManager.default.removeItem(at: sized) }
            try ImportData.writeJira(size, incidents: incidents, to: sized)
            let peak = try await TestDatabase.withFresh { fresh in
                try await prepareJira(fresh.database, incidents: incidents)
                return try Export.spawn(
                    firebreak, ["import", sized.path, "--team", team], url: fresh.url, sampling: true
                ).peakKiB
            }
            print("peak resident memory importing \(size) Jira rows: \(peak / 1024) MiB")
            peaks.append((size, peak))
        }
        if peaks.count == 2 {
            figures.append(
                Figure(
                    name: "peak memory of the Jira CSV import, \(peaks[1].0) rows", value: Double(peaks[1].1) / 1024,
                    unit: "MiB", baselineName: "\(peaks[0].0) rows", baseline: Double(peaks[0].1) / 1024,
                    goal: .ratioAtMost(1.2)))
        }
        return figures
    }

    /// The synthetic team with `incidents` incidents (the CSV's labels link some), no actions of its own,
    /// and the staging table for COPY: one text column per column of the CSV.
    static func prepareJira(_ db: Database, incidents: Int) async throws {
        try await SyntheticTeam.create(in: db, incidents: incidents, actions: 1, links: 0)
        let columns = ImportData.jiraHeader.indices.map { "c\($0 + 1) text" }.joined(separator: ", ")
        try await db.client.query(
            PostgresQuery(unsafeSQL: "CREATE TABLE jira_staging (\(columns))"), logger: db.logger)
    }

    /// Keeps the rows the first import wrote (ids included) in tables of their own, for the floor: the
    /// same rows written by one INSERT … SELECT a table, with the tables' indexes, checks and triggers.
    static func holdJiraRows(_ db: Database) async throws {
        for table in jiraTables {
            try await db.client.query(
                PostgresQuery(unsafeSQL: "CREATE TABLE IF NOT EXISTS held_\(table) AS SELECT * FROM \(table)"),
                logger: db.logger)
        }
    }

    /// psql's script for the floor, in one transaction as the import's.
    static let insertHeldJiraRows =
        ["BEGIN;"] + jiraTables.map { "INSERT INTO \($0) SELECT * FROM held_\($0) ORDER BY 1;" } + ["COMMIT;"]

    static func emptyJiraTables(_ db: Database) async throws {
        try await db.client.query(
            "TRUNCATE actions, action_incidents, action_dependencies, audit_entries RESTART IDENTITY",
            logger: db.logger)
    }

    static func requireExecutable(_ path: String) throws {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ValidationError("\(path) is missing: swift build -c release --product firebreak")
        }
    }
}
