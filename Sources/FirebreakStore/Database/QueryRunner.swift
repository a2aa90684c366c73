import Logging
public import PostgresNIO

/// Something that runs a query: the pool, or one connection inside a transaction. Reads
/// that a transaction must see in one snapshot (plan generation) take a connection;
/// everything else takes the pool.
public protocol QueryRunner: Sendable {
    func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence
}

extension PostgresClient: QueryRunner {
    public func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        try await self.query(query, logger: logger)
    }
}

extension PostgresConnection: QueryRunner {
    public func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        try await self.query(query, logger: logger)
    }
}
