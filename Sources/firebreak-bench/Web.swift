import ArgumentParser
import AsyncHTTPClient
import FirebreakCore
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import PostgresNIO

#if canImport(Glibc)
import Glibc
#endif

/// The web app through a real `firebreak serve` (issue #16): every page's server time on the demo
/// data (goal p95 ≤ 50 ms), and the backlog page against the API's JSON of the same 50 items at
/// 100,000 actions, side by side in one run (goal ≤ 1.5×).
struct WebBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web",
        abstract:
            "The web app's pages on the demo data (goal p95 ≤ 50 ms) and its backlog page vs. the API's JSON (goal ≤ 1.5×).",
        discussion: """
            Pages: `firebreak demo` (and a second plan, so that the diff page compares two) in a fresh \
            database, a manager token tied to the engineer amara, signed in through the one-use link of \
            `firebreak token login`, then every GET page of the web app's route table (an action's and an \
            incident's page with the demo's most-linked open action and incident; each plan download \
            format) in turn, --requests times each after --warmup rounds. Server time: from sending the \
            request to the last byte of the response, one request at a time over one HTTP/1.1 keep-alive \
            connection on loopback. Backlog: a synthetic team (the ranking case's generator), then in each \
            round the web backlog page of the team (its default: the first 50 by rank) and \
            GET /v1/teams/{team}/backlog?limit=50 (the same items, JSON), alternating which goes first; \
            medians of the rounds after a warm-up.
            """)

    @Option(help: "Timed requests of each page.") var requests = 200
    @Option(help: "Untimed rounds over every page first.") var warmup = 20
    @Option(help: "Synthetic incidents for the backlog comparison.") var incidents = 20_000
    @Option(help: "Synthetic open actions for the backlog comparison.") var actions = 100_000
    @Option(help: "Links, spread evenly over the actions.") var links = 300_000
    @Option(help: "Timed rounds of the backlog comparison (after a warm-up round).") var runs = 7
    @Option(help: "The firebreak executable.") var firebreak = ".build/release/firebreak"
    @Option(help: "Where the server's log goes (one line per request).") var serverLog = "/dev/null"

    func validate() throws {
        guard requests >= 1, warmup >= 0, runs >= 1 else {
            throw ValidationError("need --requests ≥ 1, --warmup ≥ 0 and --runs ≥ 1")
        }
        guard incidents >= 1, actions >= 50, links >= actions, links <= actions * min(20, incidents) else {
            throw ValidationError("need incidents ≥ 1, actions ≥ 50 and actions ≤ links ≤ 20 × actions")
        }
    }

    func run() async throws {
        var figures = try await Self.pages(
            requests: requests, warmup: warmup, firebreak: firebreak, serverLog: serverLog)
        figures.append(
            try await Self.backlog(
                incidents: incidents, actions: actions, links: links, runs: runs, firebreak: firebreak,
                serverLog: serverLog))
        print(Figure.table(figures))
    }

    /// Both parts, as `all` runs them.
    static func measure(
        requests: Int, warmup: Int, incidents: Int, actions: Int, links: Int, runs: Int, firebreak: String
    ) async throws -> [Figure] {
        var figures = try await pages(requests: requests, warmup: warmup, firebreak: firebreak, serverLog: "/dev/null")
        figures.append(
            try await backlog(
                incidents: incidents, actions: actions, links: links, runs: runs, firebreak: firebreak,
                serverLog: "/dev/null"))
        return figures
    }

    // MARK: Every page on the demo data

    static func pages(requests: Int, warmup: Int, firebreak: String, serverLog: String) async throws -> [Figure] {
        try requireExecutable(firebreak)
        return try await TestDatabase.withFresh { fresh in
            let home = NSTemporaryDirectory() + "firebreak-web-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: home) }
            let cli = CLI(firebreak: firebreak, database: fresh.url, home: home)
            _ = try cli.run(["demo", "--exports", home + "/exports"])
            _ = try cli.run(["plan", "--team", "CORE"])
            _ = try cli.run(["token", "create", "--name", "bench", "--role", "manager", "--engineer", "amara"])
            let uris = try await pageURIs(fresh.database)
            let server = try BenchServer(firebreak, url: fresh.url, log: serverLog)
            defer { server.stop() }
            let client = Client(server: server.url)
            defer { client.shutdown() }
            let session = try await client.signIn(link: try cli.run(["token", "login", "bench", "--url", server.url]))
            var samples: [String: [Double]] = [:]
            for round in 0..<(warmup + requests) {
                for uri in uris {
                    let answer = try await client.get(uri, session: session)
                    // The start page sends a signed-in visitor on (303); every other page answers itself.
                    let expected: HTTPResponseStatus = uri == "/" ? .seeOther : .ok
                    let location = answer.headers["location"].first ?? ""
                    guard answer.status == expected, !location.hasPrefix("/signin") else {
                        throw ValidationError(
                            "GET \(uri) answered \(answer.status.code) (expected \(expected.code)): "
                                + String(answer.body.prefix(300)))
                    }
                    if round >= warmup { samples[uri, default: []].append(answer.seconds) }
                }
            }
            print("web pages: \(uris.count) pages × \(requests) requests (after \(warmup) warm-up rounds)")
            return uris.map { uri in
                let times = samples[uri] ?? []
                let (p50, p95) = (percentile(times, 0.50), percentile(times, 0.95))
                print(String(format: "  GET %@: p50 %.1f ms, p95 %.1f ms", uri, p50 * 1000, p95 * 1000))
                return Figure(
                    name: "web page GET \(uri), p95 of \(times.count) (p50 \(String(format: "%.1f", p50 * 1000)) ms)",
                    value: p95 * 1000, unit: "ms", goal: .atMost(50))
            }
        }
    }

    /// Every GET page of the web app's route table, with its parameters filled in from the demo data.
    static func pageURIs(_ db: Database) async throws -> [String] {
        let routes = WebApp.add(
            to: Router(context: FirebreakRequestContext.self),
            backend: Backend(database: db, configuration: ServerConfiguration()))
        // The open action and the incident with the most links: the heaviest explanation and report.
        let action = try await firstKey(
            db,
            """
            SELECT a.key FROM actions a JOIN action_incidents l ON l.action_id = a.id
            WHERE a.status IN ('open', 'claimed') GROUP BY a.id, a.key ORDER BY count(*) DESC, a.id LIMIT 1
            """)
        let incident = try await firstKey(
            db,
            """
            SELECT i.key FROM incidents i JOIN action_incidents l ON l.incident_id = i.id
            GROUP BY i.id, i.key ORDER BY count(*) DESC, i.id LIMIT 1
            """)
        var uris: [String] = []
        for route in routes where route.method == .get {
            switch route.path {
            case "/plan/download":
                uris += PlanExportFormat.allCases.map { "/plan/download?format=\($0.rawValue)" }
            case "/backlog/{key}": uris.append("/backlog/\(action)")
            case "/incidents/{key}": uris.append("/incidents/\(incident)")
            case let path where path.contains("{"):
                throw ValidationError(
                    "the web page GET \(path) takes a parameter the web benchmark does not fill in: "
                        + "add it to WebBench.pageURIs (Sources/firebreak-bench/Web.swift)")
            default: uris.append(route.path)
            }
        }
        return uris
    }

    static func firstKey(_ db: Database, _ sql: String) async throws -> String {
        let rows = try await db.client.query(PostgresQuery(unsafeSQL: sql), logger: db.logger)
        for try await key in rows.decode(String.self) { return key }
        throw ValidationError("the demo data has no row for: \(sql)")
    }

    // MARK: The backlog page against the API's JSON

    static func backlog(
        incidents: Int, actions: Int, links: Int, runs: Int, firebreak: String, serverLog: String
    ) async throws -> Figure {
        try requireExecutable(firebreak)
        return try await TestDatabase.withFresh { fresh in
            let created = try await Timing.measure {
                try await SyntheticTeam.create(in: fresh.database, incidents: incidents, actions: actions, links: links)
            }
            print(
                String(
                    format: "synthetic team: %d incidents, %d actions, %d links, created in %.1f s", incidents,
                    actions, links, created))
            let home = NSTemporaryDirectory() + "firebreak-web-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: home) }
            let cli = CLI(firebreak: firebreak, database: fresh.url, home: home)
            let token = try cli.run(["token", "create", "--name", "bench", "--role", "viewer"])
            let server = try BenchServer(firebreak, url: fresh.url, log: serverLog)
            defer { server.stop() }
            let client = Client(server: server.url)
            defer { client.shutdown() }
            let session = try await client.signIn(link: try cli.run(["token", "login", "bench", "--url", server.url]))
            let team = SyntheticTeam.key
            let page = "/backlog?team=\(team)"
            let json = "/v1/teams/\(team)/backlog?limit=\(50)"
            var (pages, answers): ([Double], [Double]) = ([], [])
            for round in 0...runs {
                let (a, b): (Client.Answer, Client.Answer)
                // Alternate which goes first, so that neither always follows the other's work.
                if round % 2 == 0 {
                    a = try await client.get(page, session: session)
                    b = try await client.get(json, bearer: token)
                } else {
                    b = try await client.get(json, bearer: token)
                    a = try await client.get(page, session: session)
                }
                try checkSamePage(html: a, json: b)
                print(
                    String(
                        format: "round %d: backlog page %.1f ms, API JSON %.1f ms (ratio %.2f)", round,
                        a.seconds * 1000, b.seconds * 1000, a.seconds / b.seconds))
                if round > 0 {
                    pages.append(a.seconds)
                    answers.append(b.seconds)
                }
            }
            return Figure.time(
                "web backlog page, first 50 of \(actions) actions", Timing.median(pages),
                baseline: "GET /v1/teams/{team}/backlog?limit=50", Timing.median(answers), goal: .ratioAtMost(1.5))
        }
    }

    /// Both answered 200, and the page lists the JSON's 50 items, in its order.
    static func checkSamePage(html: Client.Answer, json: Client.Answer) throws {
        guard html.status == .ok, json.status == .ok else {
            throw ValidationError(
                "the backlog page answered \(html.status.code) and the API \(json.status.code): "
                    + String((html.status == .ok ? json.body : html.body).prefix(300)))
        }
        guard let items = try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [[String: Any]] else {
            throw ValidationError("the API's backlog is not a JSON array: \(json.body.prefix(300))")
        }
        let keys = items.compactMap { $0["key"] as? String }
        guard keys.count == 50 else { throw ValidationError("the API's backlog has \(keys.count) items, not 50") }
        var from = html.body.startIndex
        for key in keys {
            guard let found = html.body.range(of: ">\(key)</a>", range: from..<html.body.endIndex) else {
                throw ValidationError(
                    "the backlog page does not list \(key), the API's next item, after the ones before it")
            }
            from = found.upperBound
        }
    }

    static func requireExecutable(_ firebreak: String) throws {
        guard FileManager.default.isExecutableFile(atPath: firebreak) else {
            throw ValidationError("\(firebreak) is missing: swift build -c release --product firebreak")
        }
    }

    /// The `p` quantile (nearest rank) of `values`.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[max(0, min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
    }

    /// The real CLI on the benchmark's database, its own FIREBREAK_HOME.
    struct CLI {
        var firebreak: String
        var database: String
        var home: String

        /// Runs `firebreak arguments` to its end; its standard output, trimmed. A failure names the command.
        func run(_ arguments: [String]) throws -> String {
            let (out, err) = (home + "/cli.out", home + "/cli.err")
            let environment = [
                "DATABASE_URL=\(database)", "FIREBREAK_HOME=\(home)", "PATH=/usr/bin:/bin", "HOME=\(home)",
            ]
            let status = Spawn.wait(
                try Spawn.start(firebreak, arguments, environment: environment, output: out, errors: err))
            let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            guard status == 0 else {
                let errors = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
                throw ValidationError(
                    "firebreak \(arguments.joined(separator: " ")) failed (wait status \(status)): "
                        + errors.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            return output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// One HTTP/1.1 keep-alive connection to the server, one request at a time; redirects are answers.
    final class Client: Sendable {
        let server: String
        let http: HTTPClient

        init(server: String) {
            self.server = server
            var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
            configuration.connectionPool = .init(
                idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 1)
            http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        }

        func shutdown() { _ = http.shutdown() }

        struct Answer {
            var status: HTTPResponseStatus
            var headers: HTTPHeaders
            var body: String
            /// From sending the request to the response's last byte.
            var seconds: Double

            /// The value of the cookie `name` this answer sets.
            func cookie(_ name: String) -> String? {
                for line in headers["set-cookie"] {
                    let pair = line.prefix { $0 != ";" }
                    if pair.hasPrefix(name + "=") { return String(pair.dropFirst(name.count + 1)) }
                }
                return nil
            }
        }

        func get(_ uri: String, session: String? = nil, bearer: String? = nil) async throws -> Answer {
            var request = HTTPClientRequest(url: server + uri)
            if let session { request.headers.add(name: "Cookie", value: "\(WebBench.sessionCookie)=\(session)") }
            if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
            return try await send(request)
        }

        func send(_ request: HTTPClientRequest) async throws -> Answer {
            let clock = ContinuousClock()
            let sent = clock.now
            let response = try await http.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 64 << 20)
            let seconds = Timing.seconds(clock.now - sent)
            return Answer(
                status: response.status, headers: response.headers, body: String(buffer: body), seconds: seconds)
        }

        /// Signs in as a browser does with the link `firebreak token login` printed: opens it (a nonce
        /// cookie and the form's CSRF token), posts its form, and keeps the session cookie.
        func signIn(link: String) async throws -> String {
            guard let start = link.range(of: "/signin/link?") else {
                throw ValidationError("firebreak token login printed no sign-in link: \(link)")
            }
            let opened = try await get(String(link[start.lowerBound...]))
            guard opened.status == .ok, let nonce = opened.cookie(WebBench.nonceCookie),
                let csrf = Self.hiddenField("csrf", in: opened.body),
                let secret = Self.hiddenField("secret", in: opened.body)
            else {
                throw ValidationError(
                    "the sign-in link's page has no form (\(opened.status.code)): \(opened.body.prefix(300))")
            }
            var request = HTTPClientRequest(url: server + "/signin/link")
            request.method = .POST
            request.headers.add(name: "Cookie", value: "\(WebBench.nonceCookie)=\(nonce)")
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            let form = [("csrf", csrf), ("secret", secret)].map {
                "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }
            request.body = .bytes(ByteBuffer(string: form.joined(separator: "&")))
            let answer = try await send(request)
            guard answer.status == .seeOther, let session = answer.cookie(WebBench.sessionCookie), !session.isEmpty
            else {
                throw ValidationError(
                    "signing in with the link failed (\(answer.status.code)): \(answer.body.prefix(300))")
            }
            return session
        }

        /// The value of the hidden input `name` in a page (the templates write `name="…" value="…"`).
        static func hiddenField(_ name: String, in html: String) -> String? {
            guard let at = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
            let rest = html[at.upperBound...]
            return String(rest.prefix { $0 != "\"" })
        }
    }

    /// The web app's cookies (WebApp.sessionCookie and WebSignIn.nonceCookie, internal to the server).
    static let sessionCookie = "fb_session"
    static let nonceCookie = "fb_signin"
}
