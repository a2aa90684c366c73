import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `firebreak serve`'s rules on connections, through real sockets: the idle and request deadlines,
/// the limit on connections, and the drain deadline at shutdown. Timeouts are set short; each
/// check allows a generous margin above them, and asserts that a connection lasted at least most
/// of its timeout, so that a server closing everything at once would fail too.
@Suite("Connections: deadlines, the limit, shutdown", .serialized)
struct ConnectionTests {
    /// A request that never finishes arriving (half its headers, or a body that stops) is closed
    /// once its first byte is `--request-timeout` old; one that arrives whole is answered.
    @Test func aRequestThatDoesNotArriveInTimeIsCut() async throws {
        try await TestDatabase.withFresh { fresh in
            let server = try ServerProcess(
                environment: ["DATABASE_URL": fresh.url], arguments: ["--request-timeout", "1", "--idle-timeout", "60"])
            defer { server.stop() }
            var halfHeaders: [RawConnection] = []
            for _ in 0..<3 {
                let connection = try RawConnection(port: server.port)
                try connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                halfHeaders.append(connection)
            }
            let stalledBody = try RawConnection(port: server.port)
            try stalledBody.send(
                "POST /v1/teams HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"key\":")
            let whole = try RawConnection(port: server.port)
            try whole.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            // Generous bounds: a loaded machine is slow. What matters is that the half-sent requests are
            // closed after the 1 s request deadline and long before the 60 s idle timeout could.
            #expect(try await whole.status(within: .seconds(30)) == 200)

            let lasted = try await RawConnection.closures(of: halfHeaders + [stalledBody], within: .seconds(40))
            for seconds in lasted {
                let seconds = try #require(seconds, "a connection with a request half in was never closed")
                #expect(seconds >= .milliseconds(900), "closed after \(seconds), before the 1 s deadline")
                #expect(seconds < .seconds(30), "closed after \(seconds)")
            }
            // The stalled body got its 401 first (the token is checked before the body is read).
            #expect(stalledBody.text.hasPrefix("HTTP/1.1 401"))
            #expect(server.isRunning)
        }
    }

    /// A connection with no request in progress, new or between requests, is closed after
    /// `--idle-timeout`; one that keeps sending requests is not.
    @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
        try await TestDatabase.withFresh { fresh in
            let server = try ServerProcess(
                environment: ["DATABASE_URL": fresh.url], arguments: ["--idle-timeout", "2", "--request-timeout", "60"])
            defer { server.stop() }
            let silent = try RawConnection(port: server.port)
            let afterOne = try RawConnection(port: server.port)
            try afterOne.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(try await afterOne.status(within: .seconds(30)) == 200)
            let busy = try RawConnection(port: server.port)
            // Eight requests 300 ms apart on `busy` (2.4 s, past the idle timeout; each pause far
            // below it, so that a loaded machine does not make one look idle) while the other two
            // are watched.
            @Sendable func ping() async throws -> Bool {
                for _ in 0..<8 {
                    try await Task.sleep(for: .milliseconds(300))
                    if busy.drain() { return false }
                    try busy.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                }
                return true
            }
            async let pinged = ping()
            // Generous bounds for a loaded machine: closed after the 2 s idle timeout, long before the
            // 60 s request deadline could.
            let lasted = try await RawConnection.closures(of: [silent, afterOne], within: .seconds(40))
            for seconds in lasted {
                let seconds = try #require(seconds, "an idle connection was never closed")
                #expect(
                    seconds >= .milliseconds(1800) && seconds < .seconds(30), "closed \(seconds) after its last byte")
            }
            #expect(try await pinged, "a connection in use was closed as idle")
            let closed = try await busy.closedWithin(.seconds(10))
            #expect(closed != nil, "the busy connection, once idle, stayed open")
            #expect(busy.text.components(separatedBy: "HTTP/1.1 200").count - 1 == 8)
        }
    }

    /// At `--max-connections`, a new connection closes the one idle longest and is served; when
    /// every connection is busy with a young request, the new one gets 503 and is closed; once a
    /// request has been arriving for `--evict-after`, its connection makes room. (5 s here, so that
    /// a loaded machine cannot age the young requests past it before the newcomer is accepted.)
    @Test func pastTheLimitTheLongestIdleMakesRoomElseANewConnectionGets503() async throws {
        try await TestDatabase.withFresh { fresh in
            let server = try ServerProcess(
                environment: ["DATABASE_URL": fresh.url],
                arguments: [
                    "--max-connections", "3", "--request-timeout", "30", "--idle-timeout", "30", "--evict-after", "5",
                ])
            defer { server.stop() }
            var idle: [RawConnection] = []
            for _ in 0..<3 {
                idle.append(try RawConnection(port: server.port))
                try await Task.sleep(for: .milliseconds(50))
            }
            let newcomer = try RawConnection(port: server.port)
            try newcomer.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(try await newcomer.status(within: .seconds(5)) == 200)
            #expect(try await idle[0].closedWithin(.seconds(5)) != nil, "the longest idle connection stayed open")
            #expect(!idle[1].drain() && !idle[2].drain(), "a younger idle connection was closed")

            // Now three connections each with half a request: nothing idle, nothing old.
            var reading: [RawConnection] = []
            for connection in [idle[1], idle[2], newcomer] {
                try connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                reading.append(connection)
                try await Task.sleep(for: .milliseconds(50))
            }
            let refused = try RawConnection(port: server.port)
            #expect(try await refused.status(within: .seconds(5)) == 503)
            #expect(try await refused.closedWithin(.seconds(5)) != nil)
            #expect(refused.text.contains("application/problem+json"))

            try await Task.sleep(for: .milliseconds(5200))
            let later = try RawConnection(port: server.port)
            try later.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(try await later.status(within: .seconds(5)) == 200)
            #expect(try await reading[0].closedWithin(.seconds(5)) != nil, "the oldest slow request kept its place")
            #expect(!reading[1].drain() && !reading[2].drain(), "a younger slow request was cut")
            #expect(server.isRunning)
        }
    }

    /// SIGTERM with a request whose body never comes: the server waits `--drain-timeout`, cuts it,
    /// says so, and exits 0.
    @Test func shutdownCutsARequestThatOutlivesTheDrainDeadline() async throws {
        try await TestDatabase.withFresh { fresh in
            let token = try await TokenStore(database: fresh.database).create(
                name: "ops", role: .manager, engineer: nil, actor: "test")
            let server = try ServerProcess(
                environment: ["DATABASE_URL": fresh.url],
                arguments: ["--drain-timeout", "1", "--request-timeout", "60"])
            defer { server.stop() }
            let upload = try RawConnection(port: server.port)
            try upload.send(Self.teamPost(token: token, bodyLength: 1000) + "{\"key\":")
            let idle = try RawConnection(port: server.port)
            try await Self.waitForRequest(on: server)

            let signalled = ContinuousClock.now
            server.signal(SIGTERM)
            let status = try await server.exitStatus(within: .seconds(15))
            let took = ContinuousClock.now - signalled
            #expect(status == 0, "exit status \(String(describing: status)); \(server.stderr.suffix(800))")
            #expect(took >= .milliseconds(900), "exited after \(took), before the drain deadline")
            #expect(took < .seconds(11), "exited \(took) after SIGTERM with a 1 s drain deadline")
            #expect(
                server.stderr.contains("drain deadline passed: cut 1 request in flight"), "\(server.stderr.suffix(800))"
            )
            #expect(try await idle.closedWithin(.seconds(1)) != nil)
            #expect(try await upload.closedWithin(.seconds(1)) != nil)
            print("drain: exited \(took) after SIGTERM, cutting the upload at the 1 s deadline")
        }
    }

    /// SIGTERM with a request still arriving: it finishes within the drain deadline and is
    /// answered, then the server exits 0 without cutting anything.
    @Test func shutdownLetsARequestInFlightFinish() async throws {
        try await TestDatabase.withFresh { fresh in
            let token = try await TokenStore(database: fresh.database).create(
                name: "ops", role: .manager, engineer: nil, actor: "test")
            let server = try ServerProcess(
                environment: ["DATABASE_URL": fresh.url], arguments: ["--drain-timeout", "20"])
            defer { server.stop() }
            let body = #"{"key":"DRAIN","name":"Drained"}"#
            let upload = try RawConnection(port: server.port)
            try upload.send(Self.teamPost(token: token, bodyLength: body.utf8.count) + body.prefix(5))
            try await Self.waitForRequest(on: server)

            let signalled = ContinuousClock.now
            server.signal(SIGTERM)
            try await Task.sleep(for: .milliseconds(500))
            try upload.send(String(body.dropFirst(5)))
            #expect(try await upload.status(within: .seconds(10)) == 201, "\(upload.text)")
            let status = try await server.exitStatus(within: .seconds(15))
            #expect(status == 0)
            #expect(ContinuousClock.now - signalled < .seconds(15))
            #expect(!server.stderr.contains("drain deadline passed"))
        }
    }

    static func teamPost(token: String, bodyLength: Int) -> String {
        "POST /v1/teams HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(bodyLength)\r\n\r\n"
    }

    /// Gives the server a moment to read a request's head and check its token; the route then
    /// waits for the body.
    static func waitForRequest(on server: ServerProcess) async throws {
        try await Task.sleep(for: .milliseconds(500))
    }
}
