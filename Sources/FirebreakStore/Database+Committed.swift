import Logging
import NIOCore
public import PostgresNIO

extension Database {
    /// Runs `statement` in a transaction of its own and answers its rows once the COMMIT has
    /// succeeded; the driver's own error is thrown, so callers can match its SQLSTATE.
    ///
    /// Not a lone statement, though that would save two round trips: PostgresNIO ends a
    /// statement's rows at its CommandComplete, and in the extended protocol PostgreSQL commits a
    /// statement outside a transaction only at the Sync after it. Rows can arrive for a change
    /// that is then rolled back (a server shutting down ends the session between the two; a
    /// deferred check fails at commit), and PostgresNIO reports that only on the connection,
    /// never to the query. An explicit COMMIT answers its CommandComplete after the commit.
    ///
    /// BEGIN is queued with the statement, so PostgresNIO sends the statement as soon as BEGIN
    /// is answered, without waking this task in between; the statement and COMMIT are prepared
    /// statements, parsed once per connection.
    public func committed<Statement: PostgresPreparedStatement>(
        _ statement: Statement
    ) async throws -> [Statement.Row] where Statement.Row: Sendable {
        let logger = logger
        return try await client.withConnection { connection in
            let begin: EventLoopFuture<PostgresQueryResult> = connection.query("BEGIN", logger: logger)
            do {
                var rows: [Statement.Row] = []
                for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
                _ = try await begin.get()
                try await connection.control(TransactionControl.Commit(), logger: logger)
                return rows
            } catch {
                // A failed COMMIT has ended the transaction already; this ROLLBACK then only warns.
                try? await connection.control(TransactionControl.Rollback(), logger: logger)
                throw error
            }
        }
    }
}

/// COMMIT and ROLLBACK as prepared statements.
enum TransactionControl {
    protocol Statement: PostgresPreparedStatement where Row == Void {}

    struct Commit: Statement { static let sql = "COMMIT" }
    struct Rollback: Statement { static let sql = "ROLLBACK" }
}

extension TransactionControl.Statement {
    func makeBindings() throws -> PostgresBindings { PostgresBindings() }
    func decodeRow(_ row: PostgresRow) throws {}
}

extension PostgresConnection {
    /// Runs a statement that answers no rows. Not PostgresNIO's command-tag `execute`: it reads
    /// the tag before the (empty) rows are consumed, which traps in PSQLRowStream.
    fileprivate func control<S: TransactionControl.Statement>(_ statement: S, logger: Logger) async throws {
        for try await _ in try await execute(statement, logger: logger) {}
    }
}
