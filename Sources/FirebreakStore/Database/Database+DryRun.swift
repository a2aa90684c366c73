import Foundation
import Logging
import PostgresNIO

extension Database {
    /// Runs `body` in one transaction, and commits it, or with `rollback` rolls it back at the end
    /// however it went: a dry run does all the work, answers what it did, and writes nothing.
    func transactionOrRollback<Result: Sendable>(
        rollback: Bool, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        guard rollback else { return try await transaction(body) }
        let logger = logger
        do {
            return try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    let result = try await body(connection)
                    try await connection.query("ROLLBACK", logger: logger)
                    return result
                } catch {
                    try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch {
            throw Database.translate(error)
        }
    }
}
