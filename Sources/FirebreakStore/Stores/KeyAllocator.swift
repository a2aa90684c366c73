import FirebreakCore
import Logging
import PostgresNIO

/// Assigns `INC-<n>` and `ACT-<n>` keys inside a transaction.
///
/// The counter row is locked until the transaction ends, so concurrent imports
/// number their items one after the other and never collide; an explicit key of
/// the same shape pushes the counter past itself.
enum KeyAllocator {
    /// The prefixes of assigned keys, each with its counter.
    static let prefixes = ["INC", "ACT"]

    static func next(_ prefix: String, on connection: PostgresConnection, logger: Logger) async throws -> String {
        let rows = try await connection.query(
            "UPDATE key_counters SET last = last + 1 WHERE prefix = \(prefix) RETURNING last", logger: logger)
        for try await last in rows.decode(Int.self) { return "\(prefix)-\(last)" }
        throw StoreError.unavailable("key counter \(prefix) is missing; run `firebreak db migrate`")
    }

    /// Records that `key` is taken, when it has the shape of an assigned key.
    static func reserve(_ key: String, on connection: PostgresConnection, logger: Logger) async throws {
        for prefix in prefixes {
            guard let number = ItemKey.assignedNumber(key, prefix: prefix) else { continue }
            try await connection.query(
                "UPDATE key_counters SET last = greatest(last, \(number)) WHERE prefix = \(prefix)", logger: logger)
        }
    }
}
