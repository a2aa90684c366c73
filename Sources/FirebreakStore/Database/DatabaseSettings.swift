import Foundation

/// Where the database is: a server named by a URL or the libpq variables, or the
/// embedded cluster. Built once at the edge from flags and the environment.
public enum DatabaseSettings: Sendable {
    case server(DatabaseServer, display: String)
    case embedded(EmbeddedCluster)

    /// `--database-url`, else `DATABASE_URL`, else the libpq `PG*` variables, else the
    /// embedded cluster in `$FIREBREAK_HOME` (default `~/.firebreak`).
    ///
    /// With a URL, `PGSSLMODE`, `PGSSLROOTCERT`, `PGSSLCERT`, `PGSSLKEY` and `PGCONNECT_TIMEOUT`
    /// stand for the keywords it leaves out, as with libpq.
    public static func resolve(url: String?, environment: [String: String]) throws -> DatabaseSettings {
        if let url = url ?? environment["DATABASE_URL"], !url.isEmpty {
            return try fromURL(url, environment: environment)
        }
        if environment["PGHOST"] != nil || environment["PGDATABASE"] != nil || environment["PGUSER"] != nil {
            return try fromLibpq(environment)
        }
        return .embedded(EmbeddedCluster(home: home(environment: environment)))
    }

    /// Firebreak's folder: `$FIREBREAK_HOME`, default `~/.firebreak`. It holds the embedded cluster
    /// and the user's defaults (`config`).
    public static func home(environment: [String: String]) -> String {
        let home =
            environment["FIREBREAK_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.firebreak")
        return URL(fileURLWithPath: home).standardizedFileURL.path
    }

    /// `postgres://user:password@host:port/database?sslmode=verify-full&sslrootcert=/path/ca.pem`;
    /// `?host=/socket/folder` for a Unix socket. The query takes libpq's `sslmode`, `sslrootcert`,
    /// `sslcert`, `sslkey` and `connect_timeout`; `environment` gives their `PG*` variables and
    /// `HOME` (for `~/.postgresql`) when the URL leaves them out.
    public static func fromURL(_ text: String, environment: [String: String] = [:]) throws -> DatabaseSettings {
        guard let components = URLComponents(string: text),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else {
            throw StoreError.invalid("database URL is not postgres://user:password@host:port/database")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let parameters = LibpqParameters(query: query, environment: environment)
        let user = components.percentEncodedUser?.removingPercentEncoding ?? query["user"] ?? "postgres"
        let password = components.percentEncodedPassword?.removingPercentEncoding ?? query["password"]
        var database = components.path
        if database.hasPrefix("/") { database.removeFirst() }
        let db = database.isEmpty ? user : database
        let port = components.port ?? Int(query["port"] ?? "") ?? 5432
        let timeout = try parameters.connectTimeout()
        if let socketFolder = query["host"].flatMap({ $0.hasPrefix("/") ? $0 : nil }) {
            _ = try parameters.sslMode()  // no TLS over a socket, but a misspelt mode is still one
            let server = DatabaseServer(
                unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)", username: user, password: password, database: db,
                connectTimeout: timeout)
            return .server(server, display: "\(user)@\(socketFolder) (socket)/\(db)")
        }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? query["host"] ?? "localhost"
        let server = DatabaseServer(
            host: host, port: port, username: user, password: password, database: db,
            tls: try DatabaseTLS.resolve(parameters), connectTimeout: timeout)
        return .server(server, display: "\(user)@\(server.endpoint)/\(db)")
    }

    /// The libpq variables: `PGHOST` (a folder for a Unix socket), `PGPORT`, `PGUSER`, `PGPASSWORD`,
    /// `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`, `PGSSLCERT`, `PGSSLKEY`, `PGCONNECT_TIMEOUT`.
    static func fromLibpq(_ env: [String: String]) throws -> DatabaseSettings {
        let parameters = LibpqParameters(query: [:], environment: env)
        let user = env["PGUSER"] ?? env["USER"] ?? "postgres"
        let db = env["PGDATABASE"] ?? user
        let port = Int(env["PGPORT"] ?? "") ?? 5432
        let host = env["PGHOST"] ?? "localhost"
        let timeout = try parameters.connectTimeout()
        if host.hasPrefix("/") {
            _ = try parameters.sslMode()
            let server = DatabaseServer(
                unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user, password: env["PGPASSWORD"], database: db,
                connectTimeout: timeout)
            return .server(server, display: "\(user)@\(host) (socket)/\(db)")
        }
        let server = DatabaseServer(
            host: host, port: port, username: user, password: env["PGPASSWORD"], database: db,
            tls: try DatabaseTLS.resolve(parameters), connectTimeout: timeout)
        return .server(server, display: "\(user)@\(server.endpoint)/\(db)")
    }
}
