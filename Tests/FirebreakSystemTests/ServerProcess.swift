import FirebreakTesting
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `firebreak serve --port 0` as a child process, as an operator runs it. The executable is the
/// one beside the test bundle, or `$FIREBREAK_SERVE_EXECUTABLE` (scripts/chaos points it at a
/// release build, so that the soak measures what production runs).
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let folder: URL
    private(set) var port = 0

    var url: String { "http://127.0.0.1:\(port)" }
    var stdout: String { (try? String(contentsOf: folder.appendingPathComponent("out"), encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: folder.appendingPathComponent("err"), encoding: .utf8)) ?? "" }

    /// Starts a server with `environment` (DATABASE_URL or FIREBREAK_HOME) and waits until it listens.
    init(environment: [String: String], arguments: [String] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("fb-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        process.executableURL =
            ProcessInfo.processInfo.environment["FIREBREAK_SERVE_EXECUTABLE"].map { URL(fileURLWithPath: $0) }
            ?? CLIRunner.executable
        process.arguments = ["serve", "--port", "0"] + arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && $0.key != "DATABASE_URL" }
        env["FIREBREAK_LOG_LEVEL"] = ProcessInfo.processInfo.environment["FIREBREAK_SERVE_LOG_LEVEL"] ?? "info"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.currentDirectoryURL = folder
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix("Listening on http://") }),
                let port = line.split(separator: ":").last.flatMap({ Int($0) })
            {
                self.port = port
                return
            }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        process.terminate()
        throw ServerFailure(message: "the server did not start: \(stderr)")
    }

    var isRunning: Bool { process.isRunning }

    /// Sends `signal` without waiting.
    func signal(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits up to `limit` for the process to exit by itself; its status, or nil while it runs.
    func exitStatus(within limit: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        guard !process.isRunning else { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGTERM, then waits up to `patience`; returns the exit status, or -1 when the server had
    /// to be killed because it did not stop (a test expecting 0 then fails instead of hanging).
    @discardableResult
    func stop(patience: Duration = .seconds(30)) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = ContinuousClock.now + patience
        while process.isRunning, ContinuousClock.now < deadline { usleep(20_000) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: folder)
    }
}

struct ServerFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
