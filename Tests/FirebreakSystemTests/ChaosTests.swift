import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import Logging
import NIOHTTP1
import PostgresNIO
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Faults as production meets them: a process killed with SIGKILL in the middle of its work, the
/// database restarted under load, processes racing to start on an empty database. Every check
/// is a query. `FIREBREAK_CHAOS=full` (scripts/chaos) runs the issue's sizes; the default is
/// the quick form CI runs.
@Suite("Chaos: killed processes, a restarted database, racing start-ups", .serialized)
struct ChaosTests {
    struct Scale {
        var reports: Int
        var claimers: Int
        var seconds: Double
        var planKills: Int
    }

    /// The import commits every `ReportImporter.batchSize` (200) reports: even the quick form imports
    /// 1,000, which leaves room to kill it after a commit and before the last.
    static let scale: Scale =
        ProcessInfo.processInfo.environment["FIREBREAK_CHAOS"] == "full"
        ? Scale(reports: 2000, claimers: 16, seconds: 10, planKills: 10)
        : Scale(reports: 1000, claimers: 8, seconds: 4, planKills: 4)

    // MARK: - kill -9 of an import

    /// The import is fast (a batch of 200 reports commits in a fraction of a second), so on a slow
    /// machine the kill can come after the last commit: then the round is run again on a fresh
    /// database, up to five times, and one of them must land mid-import.
    @Test func aKilledImportLeavesWholeReportsAndARerunFinishesTheJob() async throws {
        let count = Self.scale.reports
        let folder = try Self.temporaryFolder("fb-chaos-import")
        defer { try? FileManager.default.removeItem(at: folder) }
        for n in 1...count {
            try Self.report(n).write(
                to: folder.appendingPathComponent(String(format: "report-%05d.md", n)), atomically: true,
                encoding: .utf8)
        }
        var killedMidway = false
        for _ in 1...5 where !killedMidway {
            killedMidway = try await TestDatabase.withFresh { fresh in
                let db = fresh.database
                try await Fixtures.team(in: db)
                let child = try Child(["import", folder.path], environment: ["DATABASE_URL": fresh.url])
                // Killed as soon as the first batch is in.
                while child.isRunning, try await Fixtures.count("SELECT count(*)::int FROM incidents", in: db) == 0 {
                    try await Task.sleep(for: .milliseconds(2))
                }
                child.kill()
                let landed = try await Fixtures.count("SELECT count(*)::int FROM incidents", in: db)
                guard landed > 0 && landed < count else { return false }
                try await Self.expectWholeReports(in: db, actionsEach: 3)

                let rerun = try CLIRunner(databaseURL: fresh.url).run(["import", folder.path])
                #expect(rerun.status == 0, "\(rerun.stderr)")
                try await Self.expectWholeReports(in: db, actionsEach: 3)
                #expect(try await Fixtures.count("SELECT count(*)::int FROM incidents", in: db) == count)
                #expect(try await Fixtures.count("SELECT count(DISTINCT title)::int FROM actions", in: db) == 3 * count)
                #expect(try await Fixtures.count("SELECT count(*)::int FROM actions", in: db) == 3 * count)
                print("chaos: import of \(count) reports killed with \(landed) in; the rerun finished with \(count)")
                return true
            }
        }
        #expect(killedMidway, "in five tries the kill never landed between the first commit and the last")
    }

    /// Every incident has all its actions, links and components; no action is left unlinked.
    static func expectWholeReports(in db: Database, actionsEach: Int) async throws {
        let partial = try await Fixtures.count(
            """
            SELECT count(*)::int FROM incidents i
            WHERE (SELECT count(*) FROM action_incidents l WHERE l.incident_id = i.id) <> \(actionsEach)
               OR (SELECT count(*) FROM incident_components c WHERE c.incident_id = i.id) <> 2
            """, in: db)
        #expect(partial == 0, "\(partial) incidents are half-imported")
        let orphans = try await Fixtures.count(
            "SELECT count(*)::int FROM actions a WHERE NOT EXISTS (SELECT 1 FROM action_incidents l WHERE l.action_id = a.id)",
            in: db)
        #expect(orphans == 0, "\(orphans) actions have no incident")
    }

    static func report(_ n: Int) -> String {
        """
        # Synthetic outage \(n) of the chaos test

        - **Description:** Outage \(n), made for the chaos test.
        - **Date:** 2025-\(String(format: "%02d", 1 + n % 12))-\(String(format: "%02d", 1 + n % 28)) 08:02 UTC
        - **Outage time:** 00:\(String(format: "%02d", 5 + n % 50))
        - **Severity:** SEV\(1 + n % 4)
        - **Detected by:** staff
        - **Number of support tickets raised:** \(n % 17)
        - **Affected functionality:** Online booking, Salon calendar
        - **Team:** CORE

        ## Explanation of the problem
        Something broke, for the \(n)th time.

        ## Investigations
        We looked at it.

        ## Preventative measures and actions
        - [prevent] Fix the cause of outage \(n) (estimate: 2)
        - [detect] Alert on the symptom of outage \(n) (estimate: 1)
        - [mitigate] Runbook for outage \(n) (estimate: 3)

        """
    }

    // MARK: - kill -9 of a plan generation

    @Test func aKilledPlanGenerationLeavesNoHalfPlan() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await SyntheticTeam.create(in: db, incidents: 2000, actions: 20_000, links: 60_000)
            try await SyntheticTeam.addEngineers(6, to: db)
            let plan = ["plan", "--team", SyntheticTeam.key, "--as-of", "2026-11-28", "--sprints", "12"]
            let timed = ContinuousClock.now
            let whole = try CLIRunner(databaseURL: fresh.url).run(plan)
            #expect(whole.status == 0, "\(whole.stderr)")
            let length = ContinuousClock.now - timed
            var generator = SeededRandom(seed: 7)
            for _ in 0..<Self.scale.planKills {
                let child = try Child(plan, environment: ["DATABASE_URL": fresh.url])
                try await Task.sleep(for: length * Double.random(in: 0.2...0.95, using: &generator))
                child.kill()
            }
            let plans = try await Fixtures.count("SELECT count(*)::int FROM plans", in: db)
            let audited = try await Fixtures.count(
                "SELECT count(*)::int FROM audit_entries WHERE verb = 'plan.generate'", in: db)
            #expect(plans == audited, "\(plans) plans but \(audited) audit entries")
            let gaps = try await Fixtures.count(
                "SELECT (max(number) - count(*))::int FROM plans", in: db)
            #expect(gaps == 0, "plan numbers have gaps")
            let malformed = try await Fixtures.count(
                """
                SELECT count(*)::int FROM plans
                WHERE jsonb_typeof(body->'sprints') <> 'array' OR jsonb_array_length(body->'sprints') <> 12
                """, in: db)
            #expect(malformed == 0)
            let after = try CLIRunner(databaseURL: fresh.url).run([
                "plan", "show", "latest", "--team", SyntheticTeam.key,
            ])
            #expect(after.status == 0, "\(after.stderr)")
            print(
                "chaos: \(Self.scale.planKills) plan runs killed mid-way (a whole one takes \(length)); \(plans) plans stored, all whole"
            )
        }
    }

    // MARK: - kill -9 of a server handling claims

    @Test func aKilledServerLeavesNoHalfClaim() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            let crew = try await Crew.make(in: db, engineers: Self.scale.claimers, itemsEach: 40)
            let server = try ServerProcess(environment: ["DATABASE_URL": fresh.url])
            let acknowledged = Shared(0)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (token, keys) in zip(crew.tokens, crew.keys) {
                    group.addTask {
                        var n = 0
                        while true {
                            let key = keys[(n / 2) % keys.count]
                            let verb = n % 2 == 0 ? "claim" : "release"
                            n += 1
                            guard
                                let answer = try? await HTTP.send(
                                    .POST, "\(server.url)/v1/actions/\(key)/\(verb)", token: token, timeout: 5)
                            else { return }
                            if answer.status == 200 { acknowledged.withLock { $0 += 1 } }
                        }
                    }
                }
                try await Task.sleep(for: .seconds(Self.scale.seconds / 2))
                kill(server.process.processIdentifier, SIGKILL)
                try await group.waitForAll()
            }
            let done = acknowledged.withLock { $0 }
            #expect(done > 10, "the load never got going")
            try await Self.expectConsistentClaims(in: db)
            let again = try ServerProcess(environment: ["DATABASE_URL": fresh.url])
            defer { again.stop() }
            let claimed = try await HTTP.send(
                .POST, "\(again.url)/v1/actions/\(crew.keys[0][1])/claim", token: crew.tokens[0])
            #expect(claimed.status == 200, "\(claimed.body)")
            print("chaos: server killed after \(done) acknowledged claims and releases; no half-made claim")
        }
    }

    /// A claimed item has its claimant and an open one has none; each engineer's count of open
    /// claims is the real one; the audit trail of each item ends as the item stands.
    static func expectConsistentClaims(in db: Database) async throws {
        let torn = try await Fixtures.count(
            "SELECT count(*)::int FROM actions WHERE (status = 'claimed') <> (claimed_by IS NOT NULL)", in: db)
        #expect(torn == 0, "\(torn) items are half-claimed")
        let miscounted = try await Fixtures.count(
            """
            SELECT count(*)::int FROM engineers e
            WHERE e.open_claims <> (SELECT count(*) FROM actions a WHERE a.claimed_by = e.id AND a.status = 'claimed')
            """, in: db)
        #expect(miscounted == 0, "\(miscounted) engineers have a wrong count of open claims")
        let unaudited = try await Fixtures.count(
            """
            SELECT count(*)::int FROM actions a
            WHERE (SELECT count(*) FILTER (WHERE verb = 'claim') - count(*) FILTER (WHERE verb = 'release')
                   FROM audit_entries WHERE subject = a.key) <> (CASE WHEN a.status = 'claimed' THEN 1 ELSE 0 END)
            """, in: db)
        #expect(unaudited == 0, "\(unaudited) items' audit trails disagree with their state")
    }

    // MARK: - the database restarted under load against two instances

    @Test func aDatabaseRestartUnderClaimLoadLosesNoAcknowledgedClaim() async throws {
        let home = try Self.temporaryFolder("fb-chaos-restart").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        var cli = CLIRunner(databaseURL: "")
        cli.environment = ["FIREBREAK_HOME": home]
        let cluster = EmbeddedCluster(home: home)
        defer { _ = try? cluster.stop() }
        #expect(try cli.run(["db", "migrate"]).status == 0)
        let configuration = PostgresClient.Configuration(
            unixSocketPath: cluster.socketPath, username: EmbeddedCluster.role, password: nil,
            database: EmbeddedCluster.database)
        let crew = try await Database.run(configuration, logger: Self.quiet) { db in
            try await Crew.make(in: db, engineers: Self.scale.claimers, itemsEach: 2000)
        }
        let servers = try (0..<2).map { _ in
            try ServerProcess(environment: ["FIREBREAK_HOME": home], arguments: ["--database-timeout", "2"])
        }
        defer { for server in servers { server.stop(patience: .zero) } }
        let clock = ContinuousClock()
        let start = clock.now
        struct Outcome: Sendable {
            var key: String
            var status: Int
            var sent: Duration
            var seconds: Double
        }
        let outage = Shared<(down: Duration, up: Duration)?>(nil)
        let outcomes = try await withThrowingTaskGroup(of: [Outcome].self) { group in
            for (n, (token, keys)) in zip(crew.tokens, crew.keys).enumerated() {
                let base = servers[n % 2].url
                group.addTask {
                    var seen: [Outcome] = []
                    var next = 0
                    while clock.now - start < .seconds(Self.scale.seconds * 2), next < keys.count {
                        let sent = clock.now - start
                        let answer = try await HTTP.send(
                            .POST, "\(base)/v1/actions/\(keys[next])/claim", token: token, timeout: 20)
                        seen.append(
                            Outcome(key: keys[next], status: answer.status, sent: sent, seconds: answer.seconds))
                        // A 409 after a lost answer means the claim went in: that item is done too.
                        if answer.status == 200 || answer.status == 409 { next += 1 }
                        if answer.status >= 500 { try await Task.sleep(for: .milliseconds(50)) }
                    }
                    return seen
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(Self.scale.seconds / 2))
                let down = clock.now - start
                _ = try cluster.stop()
                try await Task.sleep(for: .seconds(1))
                _ = try cluster.ensureRunning()
                outage.withLock { $0 = (down, clock.now - start) }
                return []
            }
            var all: [Outcome] = []
            for try await part in group { all += part }
            return all
        }
        let window = try #require(outage.withLock { $0 })
        let recovery = Duration.seconds(5)
        let slowest = outcomes.map(\.seconds).max() ?? 0
        #expect(slowest < 6, "a request took \(slowest) s")
        let strays = outcomes.filter {
            $0.status >= 500 && ($0.sent + .seconds($0.seconds) < window.down || $0.sent > window.up + recovery)
        }
        #expect(strays.isEmpty, "5xx outside the outage: \(strays.prefix(5).map { "\($0.status) at \($0.sent)" })")
        let unexpected = outcomes.filter { ![200, 409, 503].contains($0.status) }
        #expect(unexpected.isEmpty, "statuses: \(Set(unexpected.map(\.status)))")
        let acknowledged = Set(outcomes.filter { $0.status == 200 }.map(\.key))
        #expect(acknowledged.count == outcomes.filter { $0.status == 200 }.count, "an item was acknowledged twice")
        try await Database.run(configuration, logger: Self.quiet) { db in
            let rows = try await db.client.query(
                "SELECT key FROM actions WHERE status = 'claimed'", logger: db.logger)
            var stored: Set<String> = []
            for try await key in rows.decode(String.self) { stored.insert(key) }
            let lost = acknowledged.subtracting(stored).sorted()
            #expect(lost.isEmpty, "\(lost.count) acknowledged claims are not stored, among them \(lost.prefix(5))")
            let twice = try await Fixtures.count(
                "SELECT count(*)::int FROM (SELECT subject FROM audit_entries WHERE verb = 'claim' GROUP BY subject HAVING count(*) > 1) x",
                in: db)
            #expect(twice == 0, "\(twice) items were claimed twice")
            try await Self.expectConsistentClaims(in: db)
        }
        for server in servers { #expect(server.stop() == 0, "a server did not drain and exit after the restart") }
        let failed = outcomes.filter { $0.status >= 500 }.count
        print(
            "chaos: database down at \(window.down), back at \(window.up); \(outcomes.count) claims sent, \(acknowledged.count) acknowledged and stored, \(failed) answered 503 in the outage, slowest \(slowest) s"
        )
    }

    // MARK: - racing start-ups on an empty database

    @Test func twoMigratesAndTwoServersStartingAtOnceOnAnEmptyDatabase() async throws {
        try await TestDatabase.withFresh(migrated: false) { fresh in
            let url = fresh.url
            let migrations = try Migrator.bundled().count
            async let first = Self.runCLI(["db", "migrate"], url: url)
            async let second = Self.runCLI(["db", "migrate"], url: url)
            async let one = Self.startServer(url: url)
            async let two = Self.startServer(url: url)
            let (a, b) = try await (first, second)
            let servers = try await [one, two]
            defer { for server in servers { server.stop() } }
            #expect(a.status == 0, "\(a.stderr)")
            #expect(b.status == 0, "\(b.stderr)")
            for server in servers {
                #expect(try await HTTP.send(.GET, server.url + "/readyz").status == 200)
            }
            let applied = try await Fixtures.count(
                "SELECT count(DISTINCT version)::int FROM schema_migrations", in: fresh.database)
            let rows = try await Fixtures.count("SELECT count(*)::int FROM schema_migrations", in: fresh.database)
            #expect(applied == migrations && rows == migrations)
        }
    }

    static var quiet: Logger {
        var logger = Logger(label: "chaos")
        logger.logLevel = .critical
        return logger
    }

    static func runCLI(_ arguments: [String], url: String) async throws -> CLIRunner.Result {
        try CLIRunner(databaseURL: url).run(arguments)
    }

    static func startServer(url: String) async throws -> ServerProcess {
        try ServerProcess(environment: ["DATABASE_URL": url])
    }

    static func temporaryFolder(_ prefix: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// A value tasks share.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    func withLock<T>(_ body: (inout Value) -> T) -> T { value.withLock { body(&$0) } }
}

/// Engineers of one team, each with an engineer token and items of their own.
struct Crew: Sendable {
    var tokens: [String]
    var keys: [[String]]

    static func make(in db: Database, engineers: Int, itemsEach: Int) async throws -> Crew {
        try await TeamStore(database: db).create(Team(key: "CORE", name: "Core", wipLimit: 100_000), actor: "chaos")
        var crew = Crew(tokens: [], keys: [])
        for n in 0..<engineers {
            try await TeamStore(database: db).addEngineer(
                Engineer(handle: "e\(n)", displayName: "E\(n)", team: "CORE"), actor: "chaos")
            crew.tokens.append(
                try await TokenStore(database: db).create(
                    name: "e\(n)", role: .engineer, engineer: "e\(n)", actor: "chaos"))
        }
        let rows = try await db.client.query(
            """
            INSERT INTO actions (key, title, kind, estimate, status, team_id)
            SELECT 'ACT-' || g, 'Chaos item ' || g, 'prevent', 2, 'open', (SELECT id FROM teams WHERE key = 'CORE')
            FROM generate_series(1, \(engineers * itemsEach)) g
            RETURNING key
            """, logger: db.logger)
        var all: [String] = []
        for try await key in rows.decode(String.self) { all.append(key) }
        crew.keys = (0..<engineers).map { n in Array(all[(n * itemsEach)..<((n + 1) * itemsEach)]) }
        return crew
    }
}

/// The CLI as a child process that a test can kill with SIGKILL.
final class Child: @unchecked Sendable {
    let process = Process()
    let folder: URL

    init(_ arguments: [String], environment: [String: String]) throws {
        folder = try ChaosTests.temporaryFolder("fb-child")
        process.executableURL = CLIRunner.executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && $0.key != "DATABASE_URL" }
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// SIGKILL, then waits for it to be gone.
    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }
}
