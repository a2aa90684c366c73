import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The private PostgreSQL cluster that Firebreak runs when no database is configured
/// (DESIGN.md section 7): created with `initdb` on first use, started on a Unix
/// socket with no TCP port, reused while it runs, stopped by `firebreak db stop`.
///
/// PostgreSQL refuses to run as root; when the effective user is root the cluster
/// runs as the `postgres` user. If that user cannot reach `$FIREBREAK_HOME` (root's
/// home is private), the cluster lives in `/var/lib/firebreak/<hash of the home>`.
public struct EmbeddedCluster: Sendable {
    /// `$FIREBREAK_HOME`, default `~/.firebreak`.
    public let home: String
    /// The folder holding `data/`, the server log and the socket.
    public let clusterDirectory: String
    /// The user PostgreSQL runs as when we are root; nil otherwise.
    public let runAs: String?

    /// The role and database that Firebreak uses inside the cluster.
    public static let role = "postgres"
    public static let database = "firebreak"

    /// The cluster's `max_connections`, set when it starts.
    public let maximumConnections: Int

    /// 300 connections by default, not PostgreSQL's 100: each `firebreak serve` and each CLI keeps a
    /// pool of up to 20 ("sorry, too many clients already").
    public init(home: String, maximumConnections: Int = 300) {
        self.home = home
        self.maximumConnections = maximumConnections
        if geteuid() == 0 {
            runAs = "postgres"
            if Self.othersCanReach(home) {
                clusterDirectory = home + "/cluster"
            } else {
                let digest = SHA256.hash(data: Data(home.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
                clusterDirectory = "/var/lib/firebreak/" + digest
            }
        } else {
            runAs = nil
            clusterDirectory = home + "/cluster"
        }
    }

    public var dataDirectory: String { clusterDirectory + "/data" }
    public var logFile: String { clusterDirectory + "/postgres.log" }
    /// The socket file (not its folder), as PostgresNIO's `unixSocketPath:` takes it.
    public var socketPath: String { clusterDirectory + "/.s.PGSQL.5432" }

    /// Whether the server is running now.
    public func isRunning() throws -> Bool {
        guard FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") else { return false }
        let result = try ProcessRunner.run(try Self.binary("pg_ctl"), ["status", "-D", dataDirectory], as: runAs)
        return result.status == 0
    }

    /// Creates the cluster if needed and starts it if it is not running; returns what it did.
    /// Serialised by a file lock, so that two processes starting at once are safe.
    @discardableResult
    public func ensureRunning() throws -> [String] {
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return try withFileLock(home + "/cluster.lock") {
            var done: [String] = []
            let initdb = try Self.binary("initdb")
            let pgCtl = try Self.binary("pg_ctl")
            if !FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") {
                try prepareDirectory()
                let result = try ProcessRunner.run(
                    initdb,
                    [
                        "-D", dataDirectory, "-U", Self.role, "--auth=trust", "-E", "UTF8", "--no-locale",
                        "--no-instructions",
                    ], as: runAs)
                guard result.status == 0 else {
                    throw StoreError.unavailable("initdb failed in \(dataDirectory): \(Self.lastLine(result.output))")
                }
                done.append("created a PostgreSQL cluster in \(dataDirectory)")
            }
            if try !isRunning() {
                let options =
                    "-c listen_addresses='' -c unix_socket_directories='\(clusterDirectory)' -c fsync=on"
                    + " -c max_connections=\(maximumConnections)"
                let result = try ProcessRunner.run(
                    pgCtl, ["start", "-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-o", options], as: runAs)
                guard result.status == 0 else {
                    throw StoreError.unavailable(
                        "PostgreSQL did not start: \(Self.lastLine(result.output)); see \(logFile)")
                }
                done.append("started PostgreSQL on \(socketPath)")
            }
            return done
        }
    }

    /// Stops the server (fast shutdown: open sessions are rolled back); false when it was not running.
    @discardableResult
    public func stop() throws -> Bool {
        guard try isRunning() else { return false }
        let result = try ProcessRunner.run(
            try Self.binary("pg_ctl"), ["stop", "-D", dataDirectory, "-m", "fast", "-w"], as: runAs)
        guard result.status == 0 else {
            throw StoreError.unavailable("PostgreSQL did not stop: \(Self.lastLine(result.output))")
        }
        return true
    }

    private func prepareDirectory() throws {
        try FileManager.default.createDirectory(atPath: clusterDirectory, withIntermediateDirectories: true)
        if let runAs {
            let chown = try ProcessRunner.run(
                ProcessRunner.find("chown") ?? "/bin/chown", ["-R", "\(runAs):", clusterDirectory])
            guard chown.status == 0 else {
                throw StoreError.unavailable(
                    "cannot give \(clusterDirectory) to \(runAs): \(Self.lastLine(chown.output))")
            }
        }
        chmod(clusterDirectory, 0o700)
    }

    /// Finds a PostgreSQL program on PATH or in Debian's `/usr/lib/postgresql/<version>/bin`.
    static func binary(_ name: String) throws -> String {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let folders = versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        guard let path = ProcessRunner.find(name, extraFolders: folders) else {
            throw StoreError.unavailable(
                "PostgreSQL is not installed (no \(name)): run `apt-get install -y postgresql`, or set DATABASE_URL")
        }
        return path
    }

    /// True when every folder from `/` down to `path` lets other users through.
    static func othersCanReach(_ path: String) -> Bool {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            var info = stat()
            guard stat(current, &info) == 0 else { return true }  // created later by us, with 0755
            if info.st_mode & 0o001 == 0 { return false }
        }
        return true
    }

    static func lastLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).last.map(String.init) ?? "no output"
    }

    private func withFileLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let fd = open(path, O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else { throw StoreError.unavailable("cannot open lock file \(path)") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw StoreError.unavailable("cannot lock \(path)") }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
