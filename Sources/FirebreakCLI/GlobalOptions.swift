import ArgumentParser
import FirebreakStore
import Foundation
import Logging

/// Options every command that touches the database takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "PostgreSQL URL (postgres://user:pass@host:port/db). Default: $DATABASE_URL, the PG* variables, else the embedded cluster in $FIREBREAK_HOME.",
            valueName: "url"))
    var databaseURL: String?

    /// Opens the database (starting the embedded cluster when needed), applies pending migrations, and runs `body`.
    @discardableResult
    func withDatabase<Result: Sendable>(
        migrate: Bool = true, _ body: @Sendable (Database) async throws -> Result
    ) async throws -> Result {
        let settings = try DatabaseSettings.resolve(url: databaseURL, environment: ProcessInfo.processInfo.environment)
        return try await Database.open(settings, logger: CLILogging.logger, migrate: migrate, body)
    }

    func settings() throws -> DatabaseSettings {
        try DatabaseSettings.resolve(url: databaseURL, environment: ProcessInfo.processInfo.environment)
    }
}

/// Logs go to stderr, quiet unless `FIREBREAK_LOG_LEVEL` says otherwise (never the database password).
enum CLILogging {
    static let logger: Logger = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel =
                ProcessInfo.processInfo.environment["FIREBREAK_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
                ?? .error
            return handler
        }
        return Logger(label: "firebreak")
    }()
}

/// Who the local CLI acts as in audit entries: `$FIREBREAK_ACTOR`, else the OS user.
enum Actor {
    static var current: String {
        let env = ProcessInfo.processInfo.environment
        return env["FIREBREAK_ACTOR"] ?? env["USER"] ?? "cli"
    }
}
