import ArgumentParser
import FirebreakCore
import FirebreakOperations
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
    /// With `FIREBREAK_SERVER` set, refuses (exit 2): a command that needs the database never runs on a
    /// local one behind the user's back.
    @discardableResult
    func withDatabase<Result: Sendable>(
        migrate: Bool = true, _ body: @Sendable (Database) async throws -> Result
    ) async throws -> Result {
        return try await Database.open(try settings(), logger: CLILogging.logger, migrate: migrate, body)
    }

    func settings() throws -> DatabaseSettings {
        try Self.refuseRemote()
        return try DatabaseSettings.resolve(url: databaseURL, environment: ProcessInfo.processInfo.environment)
    }

    /// Runs `body` with the operations: through the service `FIREBREAK_SERVER` names, else on the database.
    @discardableResult
    func withOperations<Result: Sendable>(
        _ body: @Sendable (any Operations) async throws -> Result
    ) async throws -> Result {
        try await either(remote: { try await body($0) }) { db in
            try await body(LocalOperations(runner: DirectRunner(database: db), caller: try .localUser()))
        }
    }

    /// The one place the CLI chooses: `remote` through the service `FIREBREAK_SERVER` names, else
    /// `local` on the database (for the streamed exports, which are not value-returning operations).
    @discardableResult
    func either<Result: Sendable>(
        remote: @Sendable (RemoteOperations) async throws -> Result,
        local: @Sendable (Database) async throws -> Result
    ) async throws -> Result {
        if let service = RemoteOperations.fromEnvironment() {
            if databaseURL != nil { throw Self.remoteRefusal("--database-url goes to a database") }
            return try await remote(service)
        }
        return try await withDatabase(local)
    }

    /// Refuses with exit 2, naming the command, when `FIREBREAK_SERVER` is set.
    static func refuseRemote(_ path: String = CommandPath.current) throws {
        guard RemoteOperations.fromEnvironment() != nil else { return }
        let command = path.split(separator: " ").dropFirst().joined(separator: " ")
        throw remoteRefusal("\(command.isEmpty ? "this command" : command) runs against a database")
    }

    static func remoteRefusal(_ what: String) -> CLIFailure {
        CLIFailure(code: 2, message: "\(what); unset FIREBREAK_SERVER to use the local one")
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

extension Caller {
    /// The local CLI's user: a manager, acting by default as the configured engineer
    /// (`FIREBREAK_ENGINEER`, else `firebreak config set engineer`).
    static func localUser() throws -> Caller {
        let engineer = try ConfiguredDefaults.value(.engineer, flag: nil)
        return Caller(name: Actor.current, role: .manager, engineer: engineer, team: nil, actor: Actor.current)
    }
}
