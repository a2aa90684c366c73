import FirebreakCore
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import Synchronization
import Testing

/// Hostile input through the API: text that looks like SQL or a spreadsheet formula, paths
/// that try to climb out, and tokens that must never reach a log.
@Suite("Hostile input")
struct SecurityTests {
    /// Titles an attacker might try. Each must be stored and read back exactly; the Jira CSV
    /// neutralises the ones a spreadsheet would run, and keeps them as they are with `raw`.
    static let hostileTitles = [
        "Robert'); DROP TABLE actions; --",
        "x' OR '1'='1",
        "=HYPERLINK(\"http://evil.example\",\"click me\")",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "<script>alert(1)</script> & \"quoted\"",
    ]

    @Test func sqlAndFormulaLookingTitlesAreKeptVerbatimAndNeutralisedInCSV() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                var keys: [String: String] = [:]
                for title in Self.hostileTitles {
                    let body = String(
                        decoding: try JSONSerialization.data(withJSONObject: ["title": title, "team": "CORE"]),
                        as: UTF8.self)
                    let created = try await client.send(.post, "/v1/actions", token: tokens.manager, json: body)
                    #expect(created.status == .created, "\(title): \(created.text)")
                    let key = try #require(created.object["key"] as? String)
                    keys[title] = key
                    let read = try await client.send(.get, "/v1/actions/\(key)", token: tokens.viewer)
                    #expect(read.object["title"] as? String == title)
                }
                let backlog = try await client.send(.get, "/v1/teams/CORE/backlog", token: tokens.viewer)
                let listed = Set(backlog.array.compactMap { $0["title"] as? String })
                #expect(listed.isSuperset(of: Self.hostileTitles))

                let plan = try await client.send(
                    .post, "/v1/teams/CORE/plans", token: tokens.manager, json: #"{"asOf": "2026-11-28T00:00:00Z"}"#)
                let number = try #require(plan.object["number"] as? Int, "\(plan.text)")
                for raw in [false, true] {
                    let export = try await client.send(
                        .get, "/v1/teams/CORE/plans/\(number)/export/jira-csv?includeBacklog=true&raw=\(raw)",
                        token: tokens.viewer)
                    #expect(export.status == .ok)
                    let rows = try CSVReader.records(export.text, file: "export.csv")
                    let header = try #require(rows.first?.fields)
                    let summary = try #require(header.firstIndex(of: "Summary"))
                    let summaries = Set(rows.dropFirst().map { $0.fields[summary] })
                    for title in Self.hostileTitles {
                        let expected = raw ? title : JiraCSVWriter.neutralise(title)
                        #expect(summaries.contains(expected), "raw=\(raw): \(expected) is not a Summary")
                        if !raw, expected != title {
                            #expect(!summaries.contains(title), "\(title) reached Jira as is")
                        }
                    }
                }
            }
            let tables = try await Fixtures.count(
                "SELECT count(*)::int FROM information_schema.tables WHERE table_name = 'actions'",
                in: fresh.database)
            #expect(tables == 1)
        }
    }

    /// Path parameters that try to climb out of their place answer 404 with a problem, and
    /// never a file; an export's file name is made of the stored team key and plan number only.
    @Test(arguments: [
        "/v1/teams/CORE/plans/1/export/..%2F..%2F..%2Fetc%2Fpasswd",
        "/v1/teams/CORE/plans/1/export/../../../../etc/passwd",
        "/v1/teams/..%2F..%2Fetc/plans/1/export/json",
        "/v1/teams/CORE/plans/..%2F1/export/json",
        "/v1/actions/..%2F..%2Fetc%2Fpasswd",
        "/v1/incidents/..%2F..%2Fetc%2Fpasswd/report",
        "/v1/teams/CORE%00/plans/1/export/json",
    ])
    func pathTraversalIsRefused(uri: String) async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let answer = try await client.send(.get, uri, token: tokens.manager)
                #expect([.notFound, .badRequest].contains(answer.status), "\(uri): \(answer.status)")
                #expect(answer.isProblem || answer.status == .notFound)
                #expect(!answer.text.contains("root:"))
                #expect(answer.headers[.contentDisposition] == nil)
            }
        }
    }

    @Test(arguments: PlanExportFormat.allCases)
    func exportFileNamesAreBuiltFromStoredKeysOnly(format: PlanExportFormat) async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let answer = try await client.send(
                    .get, "/v1/teams/CORE/plans/latest/export/\(format.rawValue)", token: tokens.viewer)
                #expect(answer.status == .ok)
                let disposition = try #require(answer.headers[.contentDisposition])
                #expect(disposition == "attachment; filename=\"CORE-plan-1.\(format.fileExtension)\"")
            }
        }
    }

    /// At the most verbose log level, no token (good, revoked or made up) and no Authorization
    /// header reaches the log, even when the request fails.
    @Test func tokensNeverReachTheLog() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let captured = CapturedLog.Lines()
            var logger = Logger(label: "security") { _ in CapturedLog(store: captured) }
            logger.logLevel = .trace
            let app = FirebreakService.application(
                configuration: ServerFixture.configuration(), database: fresh.database, logger: logger)
            let madeUp = "fbk_" + String(repeating: "Z", count: 43)
            try await app.test(.router) { client in
                for token in [tokens.manager, tokens.viewer, tokens.amara, madeUp, "not-a-token-at-all"] {
                    for (method, uri) in [
                        (HTTPRequest.Method.get, "/v1/teams"), (.post, "/v1/actions/ACT-1/claim"),
                        (.get, "/v1/nowhere"), (.delete, "/v1/teams/CORE"),
                    ] {
                        _ = try await client.execute(
                            uri: uri, method: method, headers: [.authorization: "Bearer \(token)"])
                    }
                }
            }
            let text = captured.text
            #expect(text.contains("/v1/teams"), "the log was not captured")
            for token in [tokens.manager, tokens.viewer, tokens.amara, madeUp, "not-a-token-at-all"] {
                #expect(!text.contains(token), "a token reached the log")
                #expect(!text.contains(String(token.dropFirst(4).prefix(16))), "part of a token reached the log")
            }
            #expect(!text.lowercased().contains("bearer"))
        }
    }
}

/// A log handler that keeps every line, with its metadata, for a test to search.
struct CapturedLog: LogHandler {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var text: String { lines.withLock { $0.joined(separator: "\n") } }
    }

    let store: Lines
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let line = "\(event.level) \(event.message) \(all) \(event.source)"
        store.lines.withLock { $0.append(line) }
    }
}
