public import FirebreakStore

/// How the local operations reach the database: the service runs each call under its deadline and
/// its circuit breaker (its `Backend`), the CLI calls straight through (``DirectRunner``).
public protocol DatabaseRunner: Sendable {
    /// Short work: a read, a claim, an update.
    func run<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws -> T
    /// Long work: a ranking, an import, a plan.
    func runLong<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws -> T
}

/// Calls straight through to one database, with no deadline: the CLI's runner.
public struct DirectRunner: DatabaseRunner {
    public let database: Database

    public init(database: Database) { self.database = database }

    public func run<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        try await body(database)
    }

    public func runLong<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        try await body(database)
    }
}
