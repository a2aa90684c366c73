import FirebreakCore
public import FirebreakStore
public import Foundation
public import PostgresNIO

/// Data and helpers that several test targets share.
public enum Fixtures {
    /// The repository's root folder (the one holding Package.swift).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/`: real post-mortems and Jira exports, each with its licence.
    public static let data: URL = repositoryRoot.appendingPathComponent("Tests/Fixtures")

    /// The demo team's reports.
    public static let demoReports: URL = repositoryRoot.appendingPathComponent("demo/reports")

    /// Creates team `key` with default settings.
    public static func team(_ key: String = "CORE", in database: Database) async throws {
        try await TeamStore(database: database).create(Team(key: key, name: "\(key) team"), actor: "test")
    }

    /// Parses and imports a Markdown report.
    @discardableResult
    public static func importReport(
        _ text: String, file: String = "report.md", team: String? = nil, into database: Database
    ) async throws -> ImportOutcome {
        let report = try OutageReportParser().parse(text, file: file)
        return try await ReportImporter(database: database).importReport(
            report, source: file, team: team, actor: "test")
    }

    /// A single integer from a query, for checks by SQL.
    /// Each query's rows, one text value a row, by name: two databases' tables compared whole.
    public static func rows(of queries: [String: String], in db: Database) async throws -> [String: [String]] {
        var tables: [String: [String]] = [:]
        for (table, sql) in queries {
            var rows: [String] = []
            let query = PostgresQuery(unsafeSQL: sql)
            for try await row in try await db.client.query(query, logger: db.logger).decode(String.self) {
                rows.append(row)
            }
            tables[table] = rows
        }
        return tables
    }

    public static func count(_ query: PostgresQuery, in database: Database) async throws -> Int {
        let rows = try await database.client.query(query, logger: database.logger)
        for try await n in rows.decode(Int.self) { return n }
        return 0
    }
}
