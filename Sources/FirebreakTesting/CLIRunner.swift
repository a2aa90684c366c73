public import Foundation

/// Runs the built `firebreak` executable, as a user would, and captures what it printed.
public struct CLIRunner: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The database every command is pointed at.
    public var databaseURL: String
    public var environment: [String: String] = [:]
    /// Another program to run instead, with the same environment: `script`, to give `firebreak` a terminal.
    public var executableOverride: URL?

    public init(databaseURL: String) { self.databaseURL = databaseURL }

    /// `firebreak` beside the test bundle (SwiftPM builds every product before testing).
    public static var executable: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("firebreak")
    }

    public func run(_ arguments: [String], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executableOverride ?? Self.executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = databaseURL
        env["FIREBREAK_ACTOR"] = "test"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fb-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Relative paths (the demo's exports/demo) land in the run's own folder, never in the repository.
        process.currentDirectoryURL = folder
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Result(
            status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }
}
