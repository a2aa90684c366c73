import ArgumentParser
import AsyncHTTPClient
import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import NIOCore
import NIOHTTP1
import PostgresNIO

#if canImport(Glibc)
import Glibc
#endif

/// Claims through the service against `pgbench` running the same UPDATEs, at the same
/// concurrency, side by side in one run (DESIGN §8: at least half pgbench's rate; issue #13: 0.6 of it, p99 ≤ 20 ms).
struct Claims: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Claims through `firebreak serve` vs. pgbench running the same UPDATEs (goal ≥ 0.6×, p99 ≤ 20 ms).",
        discussion: """
            A synthetic team, one engineer (and engineer token) per connection, each with its own items.
            Each connection loops: claim an item, release it. Firebreak: POST /v1/actions/KEY/claim and
            /release through the real server (build it with -c release), over HTTP/1.1 keep-alive on
            loopback. Baseline: pgbench with the claim's and the release's UPDATE as its script (each its
            own transaction, as in the service). Throughput is claim-and-release cycles a second.
            """)

    @Option(help: "Concurrent connections (clients and pgbench -c).") var connections = 16
    @Option(help: "Seconds per timed round.") var seconds = 10
    @Option(help: "Timed rounds of each (alternating, after a warm-up).") var runs = 2
    @Option(help: "The firebreak executable.") var firebreak = ".build/release/firebreak"
    @Option(
        help:
            "The load generator: wrk (apt-get install wrk; C, one thread per connection) or swift (AsyncHTTPClient in this process)."
    )
    var load = "wrk"
    @Option(help: "Where the server's log goes (one line per request).") var serverLog = "/dev/null"

    func validate() throws {
        guard ["wrk", "swift"].contains(load) else { throw ValidationError("--load must be wrk or swift") }
        if load == "wrk", !FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") {
            throw ValidationError("wrk is missing: apt-get install wrk (or --load swift)")
        }
    }

    static let itemsPerEngineer = 200

    func run() async throws {
        print(
            Figure.table(
                try await Self.measure(
                    connections: connections, seconds: seconds, runs: runs, firebreak: firebreak, load: load,
                    serverLog: serverLog)))
    }

    static func measure(
        connections: Int, seconds: Int, runs: Int, firebreak: String, load generator: String, serverLog: String
    ) async throws -> [Figure] {
        guard FileManager.default.isExecutableFile(atPath: firebreak) else {
            throw ValidationError("\(firebreak) is missing: swift build -c release --product firebreak")
        }
        return try await TestDatabase.withFresh { fresh in
            let setup = try await Self.prepare(fresh.database, engineers: connections)
            let server = try BenchServer(firebreak, url: fresh.url, log: serverLog)
            defer { server.stop() }
            var ours: [Load.Result] = []
            var theirs: [Script: [Double]] = [:]
            for round in 0...runs {
                let length = round == 0 ? 2 : seconds
                // A round (or pgbench) can end between a claim and its release: every item starts open.
                try await fresh.database.client.query(
                    "UPDATE actions SET status = 'open', claimed_by = NULL, claimed_at = NULL WHERE status = 'claimed'",
                    logger: fresh.database.logger)
                let cpuBefore = Spawn.cpuSeconds(server.pid) ?? 0
                let load =
                    generator == "wrk"
                    ? try Load.wrk(server: server.url, tokens: setup.tokens, keys: setup.keys, seconds: length)
                    : try await Load.run(server: server.url, tokens: setup.tokens, keys: setup.keys, seconds: length)
                // The server's own CPU (user and system) a cycle: what it adds to PostgreSQL's work.
                let cpu = (Spawn.cpuSeconds(server.pid) ?? 0) - cpuBefore
                let cpuPerCycle = cpu / max(load.cyclesPerSecond * Double(length), 1)
                var line = String(
                    format: "round %d: service %.0f cycles/s (p99 %.1f ms, %d errors, server CPU %.0f µs a cycle)",
                    round, load.cyclesPerSecond, load.p99 * 1000, load.errors, cpuPerCycle * 1e6)
                for script in Script.allCases {
                    let rate = try Self.pgbench(
                        fresh.url, setup: setup, clients: connections, seconds: length, script: script)
                    if round > 0 { theirs[script, default: []].append(rate) }
                    line += String(
                        format: "; pgbench, %@: %.0f cycles/s (ratio %.2f)", script.rawValue, rate,
                        load.cyclesPerSecond / rate)
                }
                if round > 0 { ours.append(load) }
                print(line)
            }
            let service = Timing.median(ours.map(\.cyclesPerSecond))
            let p99 = ours.map(\.p99).max() ?? 0
            var figures = Script.allCases.map { script in
                Figure(
                    name: "claims through the service, \(connections) connections (\(generator))", value: service,
                    unit: "cycles/s", baselineName: "pgbench, \(script.rawValue)",
                    baseline: Timing.median(theirs[script] ?? []), goal: .ratioAtLeast(0.6))
            }
            figures.append(
                Figure(name: "claim p99 latency (worst round)", value: p99 * 1000, unit: "ms", goal: .atMost(20)))
            return figures
        }
    }

    struct Setup {
        var tokens: [String]
        var keys: [[String]]
    }

    /// One engineer and token per connection, each with its own items; a WIP limit that never binds.
    static func prepare(_ db: Database, engineers: Int) async throws -> Setup {
        try await SyntheticTeam.create(in: db, incidents: 1, actions: engineers * itemsPerEngineer, links: 0)
        try await SyntheticTeam.addEngineers(engineers, to: db)
        try await db.client.query(
            "UPDATE teams SET wip_limit = 1000 WHERE key = \(SyntheticTeam.key)", logger: db.logger)
        var tokens: [String] = []
        for n in 1...engineers {
            tokens.append(
                try await TokenStore(database: db).create(
                    name: "bench\(n)", role: .engineer, engineer: "bench\(n)", actor: "bench"))
        }
        let keys = (0..<engineers).map { e in (1...itemsPerEngineer).map { "BA-\(e * itemsPerEngineer + $0)" } }
        return Setup(tokens: tokens, keys: keys)
    }

    /// The two baselines: the claim's and the release's UPDATE alone, and the statements
    /// ClaimStore sends (a CALL of each procedure, which commits the UPDATE with its audit
    /// entry); every one its own transaction, as in the service. The WIP-limit trigger fires for
    /// both.
    enum Script: String, CaseIterable {
        case updates = "the same UPDATEs"
        case statements = "the same statements"
    }

    /// pgbench running `script` at `clients`; cycles (a claim and a release) a second.
    static func pgbench(_ url: String, setup: Setup, clients: Int, seconds: Int, script kind: Script) throws -> Double {
        let handle = "'bench' || (:client_id + 1)"
        let claim = """
            UPDATE actions a SET status = 'claimed', claimed_by = e.id, claimed_at = now(), version = version + 1, updated_at = now() FROM engineers e WHERE e.handle = \(handle) AND a.key = 'BA-' || :k AND a.status = 'open' AND a.team_id = e.team_id RETURNING a.team_id
            """
        let release = """
            UPDATE actions SET status = 'open', claimed_by = NULL, claimed_at = NULL, version = version + 1, updated_at = now() WHERE key = 'BA-' || :k AND status = ANY('{claimed}') AND claimed_by = (SELECT id FROM engineers WHERE handle = \(handle)) RETURNING team_id
            """
        // What ClaimStore sends: the procedures of migration 0007, each committing its UPDATE and
        // audit entry before it answers.
        let calls = """
            CALL claim_action(\(handle), 'BA-' || :k, \(handle), NULL, NULL);
            CALL finish_action('open', 'BA-' || :k, '{claimed}', \(handle), \(handle), 'release', NULL, NULL);

            """
        let body =
            switch kind {
            case .updates: claim + ";\n" + release + ";\n"
            case .statements: calls
            }
        let script = """
            \\set i random(1, \(itemsPerEngineer))
            \\set k :client_id * \(itemsPerEngineer) + :i

            """ + body
        let path = NSTemporaryDirectory() + "firebreak-claims-\(UUID().uuidString).sql"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        let output = try Spawn.capture(
            "/usr/bin/pgbench", ["-n", "-c", String(clients), "-j", "2", "-T", String(seconds), "-f", path, url])
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
            let tps = Double(line.dropFirst(6).prefix(while: { $0 != " " }))
        else { throw ValidationError("pgbench printed no tps: \(output)") }
        return tps
    }
}

/// The load generator: one loop per token, claim then release, for a fixed time.
enum Load {
    /// The same loops in wrk: one thread and one connection per token, so each connection's
    /// claims and releases stay in order.
    static func wrk(server: String, tokens: [String], keys: [[String]], seconds: Int) throws -> Result {
        func quoted(_ items: [String]) -> String { "{" + items.map { "\"\($0)\"" }.joined(separator: ",") + "}" }
        let script = """
            local tokens = \(quoted(tokens))
            local keys = {\(keys.map(quoted).joined(separator: ","))}
            local counter = 0
            function setup(thread)
                thread:set("id", counter)
                counter = counter + 1
            end
            function init(args)
                -- wrk calls thread 0's request() once more, unsent, to check it: start it one early.
                n = (id == 0) and -1 or 0
                token = tokens[id + 1]
                mine = keys[id + 1]
            end
            function request()
                local i = math.floor(n / 2) % #mine + 1
                local verb = (n % 2 == 0) and "claim" or "release"
                n = n + 1
                return wrk.format("POST", "/v1/actions/" .. mine[i] .. "/" .. verb,
                    {["Authorization"] = "Bearer " .. token}, "")
            end

            """
        let path = NSTemporaryDirectory() + "firebreak-claims-\(UUID().uuidString).lua"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        let n = String(tokens.count)
        let output = try Spawn.capture(
            "/usr/bin/wrk", ["-t", n, "-c", n, "-d", "\(seconds)s", "-s", path, "--latency", server])
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard
            let rate = lines.first(where: { $0.hasPrefix("Requests/sec:") })?.split(separator: " ").last
                .flatMap({ Double($0) }),
            let p99 = lines.first(where: { $0.hasPrefix("99%") })?.split(separator: " ").last.flatMap(seconds(of:))
        else { throw ValidationError("wrk printed no rate: \(output)") }
        let errors = lines.first(where: { $0.hasPrefix("Non-2xx") })?.split(separator: " ").last.flatMap { Int($0) }
        return Result(cyclesPerSecond: rate / 2, p99: p99, errors: errors ?? 0)
    }

    /// wrk's "12.34ms", "850.00us", "1.02s".
    static func seconds(of text: Substring) -> Double? {
        for (unit, scale) in [("us", 1e-6), ("ms", 1e-3), ("s", 1.0)] where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * scale }
        }
        return nil
    }

    struct Result {
        var cyclesPerSecond: Double
        var p99: Double
        var errors: Int
    }

    static func run(server: String, tokens: [String], keys: [[String]], seconds: Int) async throws -> Result {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: tokens.count)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        defer { _ = client.shutdown() }
        let deadline = ContinuousClock.now + .seconds(seconds)
        let started = ContinuousClock.now
        let parts = try await withThrowingTaskGroup(of: (Int, [Double], Int).self) { group in
            for (n, token) in tokens.enumerated() {
                let mine = keys[n]
                group.addTask {
                    var latencies: [Double] = []
                    var (cycles, errors, i) = (0, 0, 0)
                    while ContinuousClock.now < deadline {
                        let key = mine[i % mine.count]
                        i += 1
                        for verb in ["claim", "release"] {
                            var request = HTTPClientRequest(url: "\(server)/v1/actions/\(key)/\(verb)")
                            request.method = .POST
                            request.headers.add(name: "Authorization", value: "Bearer \(token)")
                            let sent = ContinuousClock.now
                            let response = try await client.execute(request, timeout: .seconds(30))
                            _ = try await response.body.collect(upTo: 1 << 16)
                            latencies.append(Timing.seconds(ContinuousClock.now - sent))
                            if response.status != .ok { errors += 1 }
                        }
                        cycles += 1
                    }
                    return (cycles, latencies, errors)
                }
            }
            var all: [(Int, [Double], Int)] = []
            for try await part in group { all.append(part) }
            return all
        }
        let elapsed = Timing.seconds(ContinuousClock.now - started)
        let latencies = parts.flatMap(\.1).sorted()
        let p99 = latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
        return Result(
            cyclesPerSecond: Double(parts.map(\.0).reduce(0, +)) / elapsed, p99: p99,
            errors: parts.map(\.2).reduce(0, +))
    }
}

/// `firebreak serve --port 0` for the benchmark, its log written to `log`.
final class BenchServer {
    let pid: pid_t
    let url: String

    init(_ firebreak: String, url database: String, log: String) throws {
        let out = NSTemporaryDirectory() + "firebreak-serve-\(UUID().uuidString).out"
        let variables = ["DATABASE_URL=\(database)", "PATH=/usr/bin:/bin", "HOME=/tmp", "FIREBREAK_LOG_LEVEL=info"]
        pid = try Spawn.start(
            firebreak, ["serve", "--port", "0"], environment: variables, output: out, errors: log)
        for _ in 0..<600 {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Listening on ") }) {
                url = String(line.dropFirst("Listening on ".count))
                unlink(out)
                return
            }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        throw ValidationError("the server did not start")
    }

    func stop() {
        kill(pid, SIGTERM)
        Spawn.wait(pid)
    }
}
