import ArgumentParser
import FirebreakServer
import FirebreakStore
import Foundation
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (/v1, /openapi.yaml, /healthz, /readyz, /metrics) and the web app (/).",
        discussion: Help.discussion(
            """
            Applies pending migrations first (safe when several instances start at once), then serves until \
            SIGTERM or SIGINT. Then it accepts no more connections, closes idle ones, lets requests in flight \
            finish for up to --drain-timeout, cuts what remains (the log says how many requests) and exits 0; \
            a second signal cuts at once. The process holds no state: run as many instances over one database \
            as you like. Every /v1 route needs a bearer token: make one with \
            `firebreak token create --name NAME --role viewer|engineer|manager`.

            Connections: at start the open-file limit is raised to its hard limit (ulimit -Hn). An idle \
            connection is closed after --idle-timeout; a request must arrive whole (headers and body) within \
            --request-timeout of its first byte. Past --max-connections, a new connection closes the one idle \
            longest (else the slowest request, once it has been arriving for --evict-after) and is served; \
            when every connection is busy, it gets 503 and is closed.

            Database: once a call finds the database down (a lost connection, or no answer within \
            --database-timeout), calls answer 503 at once until a background probe gets through again.

            Logs: one line per request on stderr (FIREBREAK_LOG_LEVEL, default info); tokens are never logged.
            """,
            examples: ["firebreak serve --port 8080"]))

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(parsing: .unconditional, help: "Port (0: any free port; the one chosen is printed).") var port = 8080
    @Option(parsing: .unconditional, help: "Largest request body, in bytes.") var maxBody = 1 << 20
    @Option(parsing: .unconditional, help: "Seconds a request may wait for the database before it fails with 503.")
    var databaseTimeout = 3
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Seconds a checked token is remembered (0: check every request).",
            discussion: "A revoked token keeps working on a server that had just seen it for at most this long."))
    var tokenCache = 1.0
    @Option(parsing: .unconditional, help: "Seconds a connection with no request in progress stays open.")
    var idleTimeout = 60.0
    @Option(
        parsing: .unconditional,
        help: "Seconds a request may take to arrive, from its first byte to the end of its body.")
    var requestTimeout = 10.0
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Most connections open at once (default: the open-file limit less 128 and 5%).",
            discussion: "The default keeps accept from ever running out of file descriptors."))
    var maxConnections: Int?
    @Option(
        parsing: .unconditional, help: "Seconds SIGTERM waits for requests in flight before cutting them and exiting.")
    var drainTimeout = 10.0
    @Option(
        parsing: .unconditional,
        help:
            "Past --max-connections, seconds a request must have been arriving before a new connection takes its place."
    )
    var evictAfter = 1.0
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024 bytes") }
        guard (1...600).contains(databaseTimeout) else { throw ValidationError("--database-timeout must be 1 to 600") }
        guard (0...60).contains(tokenCache) else { throw ValidationError("--token-cache must be 0 to 60 seconds") }
        guard (0.1...86_400).contains(idleTimeout) else {
            throw ValidationError("--idle-timeout must be 0.1 to 86400 seconds")
        }
        guard (0.1...3600).contains(requestTimeout) else {
            throw ValidationError("--request-timeout must be 0.1 to 3600 seconds")
        }
        guard (0...3600).contains(drainTimeout) else {
            throw ValidationError("--drain-timeout must be 0 to 3600 seconds")
        }
        guard (0.1...3600).contains(evictAfter) else {
            throw ValidationError("--evict-after must be 0.1 to 3600 seconds")
        }
        if let maxConnections, maxConnections < 1 { throw ValidationError("--max-connections must be at least 1") }
    }

    func run() async throws {
        var logger = CLILogging.logger
        logger.logLevel =
            ProcessInfo.processInfo.environment["FIREBREAK_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let files = FileLimit.raiseToHardLimit()
        let allowed = ConnectionLimit.default(fileLimit: files.after)
        if let maxConnections, maxConnections > allowed {
            throw ValidationError(
                "--max-connections \(maxConnections) is more than the open-file limit (\(files.after)) leaves room for: "
                    + "at most \(allowed); raise the limit (ulimit -Hn) or ask for fewer")
        }
        let configuration = ServerConfiguration(
            host: host, port: port, maxBodyBytes: maxBody, databaseTimeout: .seconds(databaseTimeout),
            tokenCacheLifetime: Self.duration(tokenCache), idleTimeout: Self.duration(idleTimeout),
            requestTimeout: Self.duration(requestTimeout), maxConnections: maxConnections ?? allowed,
            drainTimeout: Self.duration(drainTimeout), evictReadingAfter: Self.duration(evictAfter))
        logger.info(
            "connections", metadata: ["max": "\(configuration.maxConnections)", "open-file limit": "\(files.after)"])
        let serverLogger = logger
        try await global.withDatabase { db in
            try await FirebreakService.serve(
                configuration: configuration, database: Database(client: db.client, logger: serverLogger),
                logger: serverLogger
            ) { port in
                FileHandle.standardOutput.write(Data("Listening on http://\(configuration.host):\(port)\n".utf8))
            }
        }
    }

    static func duration(_ seconds: Double) -> Duration {
        .milliseconds(Int((seconds * 1000).rounded()))
    }
}
