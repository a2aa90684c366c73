public import FirebreakOperations
public import FirebreakStore

/// The operations' way to the database in the service: the ``Backend``'s deadlines and circuit breaker.
public struct BackendRunner: DatabaseRunner {
    let backend: Backend

    public func run<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        try await backend.run(body)
    }

    public func runLong<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        try await backend.runLong(body)
    }
}
