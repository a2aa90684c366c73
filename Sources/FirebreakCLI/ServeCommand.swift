import ArgumentParser
import FirebreakServer
import FirebreakStore
import Foundation
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (/v1, /openapi.yaml, /healthz, /readyz, /metrics).",
        discussion: """
            Applies pending migrations first (safe when several instances start at once), then serves until
            SIGTERM or SIGINT, lets requests in flight finish, and exits 0. The process holds no state: run as
            many instances over one database as you like. Every /v1 route needs a bearer token: make one with
            `firebreak token create --name NAME --role viewer|engineer|manager`.
            Logs: one line per request on stderr (FIREBREAK_LOG_LEVEL, default info); tokens are never logged.
            Example: firebreak serve --port 8080
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0: any free port; the one chosen is printed).") var port = 8080
    @Option(help: "Largest request body, in bytes.") var maxBody = 1 << 20
    @Option(help: "Seconds a request may wait for the database before it fails with 503.") var databaseTimeout = 3
    @Option(
        help: ArgumentHelp(
            "Seconds a checked token is remembered (0: check every request).",
            discussion: "A revoked token keeps working on a server that had just seen it for at most this long."))
    var tokenCache = 1.0
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024 bytes") }
        guard (1...600).contains(databaseTimeout) else { throw ValidationError("--database-timeout must be 1 to 600") }
        guard (0...60).contains(tokenCache) else { throw ValidationError("--token-cache must be 0 to 60 seconds") }
    }

    func run() async throws {
        var logger = CLILogging.logger
        logger.logLevel =
            ProcessInfo.processInfo.environment["FIREBREAK_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let configuration = ServerConfiguration(
            host: host, port: port, maxBodyBytes: maxBody, databaseTimeout: .seconds(databaseTimeout),
            tokenCacheLifetime: .milliseconds(Int((tokenCache * 1000).rounded())))
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
}
