import Foundation
import NIOSSL
public import PostgresNIO

/// Where the database is: a server named by a URL or the libpq variables, or the
/// embedded cluster. Built once at the edge from flags and the environment.
public enum DatabaseSettings: Sendable {
    case server(PostgresClient.Configuration, display: String)
    case embedded(EmbeddedCluster)

    /// `--database-url`, else `DATABASE_URL`, else the libpq `PG*` variables, else the
    /// embedded cluster in `$FIREBREAK_HOME` (default `~/.firebreak`).
    public static func resolve(url: String?, environment: [String: String]) throws -> DatabaseSettings {
        if let url = url ?? environment["DATABASE_URL"], !url.isEmpty {
            return try fromURL(url)
        }
        if environment["PGHOST"] != nil || environment["PGDATABASE"] != nil || environment["PGUSER"] != nil {
            return fromLibpq(environment)
        }
        let home =
            environment["FIREBREAK_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.firebreak")
        return .embedded(EmbeddedCluster(home: URL(fileURLWithPath: home).standardizedFileURL.path))
    }

    /// `postgres://user:password@host:port/database?sslmode=...`; `?host=/socket/folder` for a Unix socket.
    public static func fromURL(_ text: String) throws -> DatabaseSettings {
        guard let components = URLComponents(string: text),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else {
            throw StoreError.invalid("database URL is not postgres://user:password@host:port/database")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let user = components.percentEncodedUser?.removingPercentEncoding ?? query["user"] ?? "postgres"
        let password = components.percentEncodedPassword?.removingPercentEncoding ?? query["password"]
        var database = components.path
        if database.hasPrefix("/") { database.removeFirst() }
        let db = database.isEmpty ? user : database
        let port = components.port ?? Int(query["port"] ?? "") ?? 5432
        let socketFolder = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        var configuration: PostgresClient.Configuration
        if let socketFolder {
            configuration = .init(
                unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)", username: user, password: password, database: db)
        } else {
            let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? query["host"] ?? "localhost"
            let tls = try tlsMode(query["sslmode"])
            configuration = .init(host: host, port: port, username: user, password: password, database: db, tls: tls)
        }
        let where_ = socketFolder.map { "\($0) (socket)" } ?? "\(components.host ?? "localhost"):\(port)"
        return .server(configuration, display: "\(user)@\(where_)/\(db)")
    }

    static func fromLibpq(_ env: [String: String]) -> DatabaseSettings {
        let user = env["PGUSER"] ?? env["USER"] ?? "postgres"
        let db = env["PGDATABASE"] ?? user
        let port = Int(env["PGPORT"] ?? "") ?? 5432
        let host = env["PGHOST"] ?? "localhost"
        let configuration: PostgresClient.Configuration
        if host.hasPrefix("/") {
            configuration = .init(
                unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user, password: env["PGPASSWORD"], database: db)
        } else {
            configuration = .init(
                host: host, port: port, username: user, password: env["PGPASSWORD"], database: db,
                tls: .disable)
        }
        return .server(configuration, display: "\(user)@\(host):\(port)/\(db)")
    }

    static func tlsMode(_ mode: String?) throws -> PostgresClient.Configuration.TLS {
        switch mode ?? "disable" {
        case "disable", "allow": return .disable
        case "prefer": return .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": return .require(.makeClientConfiguration())
        default: throw StoreError.invalid("sslmode \"\(mode ?? "")\" is not disable, prefer or require")
        }
    }
}
