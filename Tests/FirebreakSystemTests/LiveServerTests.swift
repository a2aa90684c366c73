import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import NIOHTTP1
import PostgresNIO
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("The service as processes: two instances, the CLI as a client, a database restart", .serialized)
struct LiveServerTests {
    /// Two servers over one database; 64 clients, each an engineer with its own token, claim the
    /// same 100 items through both in their own orders. Every item has exactly one winner, every
    /// other attempt is a 409, and nothing answers 5xx.
    @Test func twoInstancesOneWinnerPerItem() async throws {
        let clients = 64, items = 100
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await TeamStore(database: db).create(Team(key: "CORE", name: "Core", wipLimit: 1000), actor: "test")
            var keys: [String] = []
            for i in 0..<items {
                keys.append(
                    try await ActionStore(database: db).add(
                        title: "Item \(i)", team: "CORE", changes: ActionStore.Changes(), actor: "test"))
            }
            var tokens: [String] = []
            for i in 0..<clients {
                try await TeamStore(database: db).addEngineer(
                    Engineer(handle: "e\(i)", displayName: "E\(i)", team: "CORE"), actor: "test")
                tokens.append(
                    try await TokenStore(database: db).create(
                        name: "e\(i)", role: .engineer, engineer: "e\(i)", actor: "test"))
            }
            let servers = [
                try ServerProcess(environment: ["DATABASE_URL": fresh.url]),
                try ServerProcess(environment: ["DATABASE_URL": fresh.url]),
            ]
            let urls = servers.map(\.url)
            let outcomes = try await withThrowingTaskGroup(of: [(String, Int, Int)].self) { group in
                for client in 0..<clients {
                    let (token, base) = (tokens[client], urls[client % 2])
                    var generator = SeededRandom(seed: UInt64(client + 1))
                    let order = keys.shuffled(using: &generator)
                    group.addTask {
                        var seen: [(String, Int, Int)] = []
                        for key in order {
                            let answer = try await HTTP.send(.POST, "\(base)/v1/actions/\(key)/claim", token: token)
                            seen.append((key, client, answer.status))
                        }
                        return seen
                    }
                }
                var all: [(String, Int, Int)] = []
                for try await part in group { all += part }
                return all
            }
            #expect(outcomes.count == clients * items)
            let statuses = Dictionary(grouping: outcomes, by: \.2).mapValues(\.count)
            #expect(statuses[200] == items, "\(statuses)")
            #expect(statuses[409] == clients * items - items, "\(statuses)")
            #expect(statuses.keys.allSatisfy { $0 == 200 || $0 == 409 }, "\(statuses)")
            var winners: [String: String] = [:]
            for (key, client, status) in outcomes where status == 200 {
                #expect(winners[key] == nil, "\(key) won twice")
                winners[key] = "e\(client)"
            }
            #expect(winners.count == items)
            let rows = try await db.client.query(
                "SELECT a.key, e.handle FROM actions a JOIN engineers e ON e.id = a.claimed_by", logger: db.logger)
            var stored: [String: String] = [:]
            for try await (key, handle) in rows.decode((String, String).self) { stored[key] = handle }
            #expect(stored == winners)
            for server in servers {
                #expect(server.stop() == 0, "a server did not shut down cleanly: \(server.stderr.suffix(500))")
                for token in tokens { #expect(!server.stderr.contains(token), "a token reached the log") }
                #expect(server.stderr.contains("path=/v1/actions/"))
            }
        }
    }

    /// The CLI with FIREBREAK_SERVER and FIREBREAK_TOKEN prints what it prints on the database,
    /// and exits with the same codes.
    @Test func theCLIAsAClientPrintsTheSameAndExitsTheSame() async throws {
        try await SeededService.withSeeded { fresh, tokens in
            let server = try ServerProcess(environment: ["DATABASE_URL": fresh.url])
            defer { server.stop() }
            let local = CLIRunner(databaseURL: fresh.url)
            var remote = CLIRunner(databaseURL: "postgresql://nobody@127.0.0.1:1/none")
            remote.environment = ["FIREBREAK_SERVER": server.url, "FIREBREAK_TOKEN": tokens.manager]
            let reads: [[String]] = [
                ["backlog", "--as-of", "2026-11-28"], ["backlog", "--as-of", "2026-11-28", "--format", "json"],
                ["backlog", "--as-of", "2026-11-28", "--explain", "--limit", "2"],
                ["backlog", "--as-of", "2026-11-28", "--explain", "ACT-1", "--format", "json"],
                ["plan", "show"], ["plan", "show", "1", "--format", "json"], ["plan", "show", "7"],
                ["lint", "--as-of", "2026-11-28"], ["lint", "--as-of", "2026-11-28", "--format", "csv"],
                ["export", "jira-csv", "--epics", "sprint"], ["export", "jira-csv", "--include-backlog", "--raw"],
                ["export", "markdown"], ["export", "ics"], ["export", "json"], ["export", "html"],
            ]
            for arguments in reads {
                let (a, b) = (try local.run(arguments), try remote.run(arguments))
                #expect(a.status == b.status, "\(arguments): \(a.status) vs \(b.status) \(b.stderr)")
                #expect(a.stdout == b.stdout, "\(arguments) prints differently through the server")
            }
            // Writes: the same outcomes and exit codes, one through each path.
            let claims: [([String], Int32)] = [
                (["claim", "ACT-1", "--as", "amara"], 0), (["claim", "ACT-1", "--as", "ben"], 3),
                (["claim", "ACT-9999", "--as", "ben"], 4), (["claim", "ACT-2", "--as", "nobody"], 4),
                (["release", "ACT-1"], 0), (["done", "ACT-1"], 0),
                (["claim", "ACT-1", "--as", "ben"], 3),
            ]
            for (arguments, status) in claims {
                let answer = try remote.run(arguments)
                #expect(answer.status == status, "\(arguments) through the server: \(answer.stderr)")
            }
            let localClaim = try local.run(["claim", "ACT-1", "--as", "ben"])
            #expect(localClaim.status == 3)
            var badToken = remote
            badToken.environment["FIREBREAK_TOKEN"] = "fbk_wrong"
            let refused = try badToken.run(["backlog"])
            #expect(refused.status == 1 && refused.stderr.contains("refused the token"))
        }
    }

    /// The database stops under a running server: once a call has found it down, API calls and
    /// /readyz answer 503 at once (well inside the 2 s deadline) instead of each waiting it out;
    /// once it is back, the same process serves again.
    @Test func theServerOutlivesADatabaseRestart() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("fb-restart-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        var cli = CLIRunner(databaseURL: "")
        cli.environment = ["FIREBREAK_HOME": home]
        let cluster = EmbeddedCluster(home: home)
        defer { _ = try? cluster.stop() }
        #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
        let token = try cli.run(["token", "create", "--name", "ops", "--role", "viewer"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServerProcess(environment: ["FIREBREAK_HOME": home], arguments: ["--database-timeout", "2"])
        defer { server.stop() }
        #expect(try await HTTP.send(.GET, server.url + "/readyz").status == 200)
        #expect(try await HTTP.send(.GET, server.url + "/v1/teams", token: token).status == 200)

        #expect(try cluster.stop())
        let first = try await HTTP.send(.GET, server.url + "/v1/teams", token: token)
        #expect(first.status == 503 && first.seconds < 5, "first call: \(first.status) after \(first.seconds) s")
        var after: [Double] = []
        for _ in 0..<10 {
            let call = try await HTTP.send(.GET, server.url + "/v1/teams", token: token)
            #expect(call.status == 503, "\(call.status): \(call.body)")
            #expect(call.body.contains("urn:firebreak:problem:unavailable"))
            after.append(call.seconds)
        }
        let ready = try await HTTP.send(.GET, server.url + "/readyz")
        #expect(ready.status == 503, "readyz: \(ready.status)")
        after.append(ready.seconds)
        #expect(after.max()! < 1, "after the first failure, calls took up to \(after.max()!) s (deadline 2 s)")
        #expect(try await HTTP.send(.GET, server.url + "/healthz").status == 200)

        _ = try cluster.ensureRunning()
        let started = ContinuousClock.now
        var recovered = false
        while ContinuousClock.now - started < .seconds(60) {
            if try await HTTP.send(.GET, server.url + "/v1/teams", token: token).status == 200 {
                recovered = true
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        #expect(recovered, "the server did not serve again within 60 s of the database's return")
        #expect(try await HTTP.send(.GET, server.url + "/readyz").status == 200)
        print(
            """
            database restart: the first call after the stop answered 503 in \(Int(first.seconds * 1000)) ms, \
            the next \(after.count) (with /readyz) in at most \(Int(after.max()! * 1000)) ms; the same server \
            served again \(milliseconds) ms after the database came back
            """)
        #expect(server.stop() == 0)
    }
}
