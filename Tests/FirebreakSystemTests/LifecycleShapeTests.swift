import FirebreakTesting
import Foundation
import NIOHTTP1
import Testing

/// One JSON shape per resource: what the CLI prints with `--format json` on the database is the body the
/// API answers for the same data, for the listings and reports that the lifecycle commands brought to the
/// service.
@Suite("The CLI's JSON is the API's body")
struct LifecycleShapeTests {
    static let pairs: [(cli: [String], path: String)] = [
        (["team", "list", "--all"], "/v1/teams?all=true"),
        (["engineer", "list", "--all", "--team", "CORE"], "/v1/engineers?all=true&team=CORE"),
        (
            ["report", "categories", "--team", "CORE", "--as-of", "2026-11-28"],
            "/v1/teams/CORE/reports/categories?asOf=2026-11-28"
        ),
        (
            ["report", "incidents", "--team", "CORE", "--as-of", "2026-11-28", "--since", "2026-06-01"],
            "/v1/teams/CORE/reports/incidents?asOf=2026-11-28&since=2026-06-01"
        ),
    ]

    @Test func theCLIPrintsTheDocumentTheAPIAnswers() async throws {
        try await SeededService.withSeeded { served, tokens in
            let server = try ServerProcess(environment: ["DATABASE_URL": served.url])
            defer { server.stop() }
            let cli = CLIRunner(databaseURL: served.url)
            for (arguments, path) in Self.pairs {
                let printed = try cli.run(arguments + ["--format", "json"])
                #expect(printed.status == 0, "\(arguments): \(printed.stderr)")
                let answer = try await HTTP.send(.GET, server.url + path, token: tokens.viewer)
                #expect(answer.status == 200, "\(path): \(answer.body)")
                let (a, b) = (try Self.parsed(printed.stdout), try Self.parsed(answer.body))
                #expect(a.count > 0, "\(arguments) printed an empty list")
                #expect(a == b, "\(arguments) prints another document than GET \(path)")
            }
        }
    }

    /// A JSON array, compared as values (key order and spacing aside).
    static func parsed(_ text: String) throws -> NSArray {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSArray)
    }
}
