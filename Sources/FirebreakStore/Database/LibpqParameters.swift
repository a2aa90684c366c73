import Foundation

/// libpq's connection parameters as Firebreak reads them: a keyword of the URL's query
/// (`?sslmode=verify-full`) first, else its environment variable (`PGSSLMODE`), as libpq does.
///
/// An empty value counts as not given.
struct LibpqParameters: Sendable {
    /// The URL's query keywords; empty for the `PG*` variables alone.
    var query: [String: String]
    var environment: [String: String]

    /// The environment variable behind each keyword that Firebreak reads from either place.
    static let variables = [
        "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
        "connect_timeout": "PGCONNECT_TIMEOUT",
    ]

    /// The value of `keyword`: the URL's, else its environment variable's, else nil.
    func value(_ keyword: String) -> String? {
        if let given = query[keyword], !given.isEmpty { return given }
        guard let variable = Self.variables[keyword], let value = environment[variable], !value.isEmpty else {
            return nil
        }
        return value
    }

    /// Where the value of `keyword` came from, for messages: `sslrootcert` or `PGSSLROOTCERT`.
    func source(_ keyword: String) -> String {
        if let given = query[keyword], !given.isEmpty { return keyword }
        return Self.variables[keyword] ?? keyword
    }

    /// The user's home folder, for libpq's default files in `~/.postgresql`; nil when unknown.
    var home: String? { environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } }

    /// `sslmode` / `PGSSLMODE`; nil when neither is given.
    func sslMode() throws -> SSLMode? {
        guard let text = value("sslmode") else { return nil }
        guard let mode = SSLMode(rawValue: text) else {
            throw StoreError.invalid("\(source("sslmode")) \"\(text)\" is not one of \(SSLMode.names)")
        }
        return mode
    }

    /// `connect_timeout` / `PGCONNECT_TIMEOUT` with libpq's meaning: whole seconds for each attempt,
    /// 1 taken as 2 (libpq's minimum), zero or less for no limit;
    /// ``DatabaseServer/defaultConnectTimeout`` when not given.
    func connectTimeout() throws -> Duration {
        guard let text = value("connect_timeout") else { return DatabaseServer.defaultConnectTimeout }
        guard let seconds = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw StoreError.invalid(
                "\(source("connect_timeout")) \"\(text)\" is not a whole number of seconds (0 waits for ever)")
        }
        // A year stands for libpq's "for ever": PostgresNIO wants a deadline.
        if seconds <= 0 { return .seconds(365 * 24 * 3600) }
        return .seconds(max(seconds, 2))
    }
}
