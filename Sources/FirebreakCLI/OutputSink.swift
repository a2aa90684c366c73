import FirebreakCore
import FirebreakStore
import Foundation

/// A `TextOutputStream` onto a file or stdout, buffered, so that exports stream: what is
/// written goes out in 64 KiB pieces and memory stays flat however long the export.
final class OutputSink: TextOutputStream {
    private let handle: FileHandle
    private let path: String?
    private let temporary: String?
    private var buffer: [UInt8] = []

    /// Writes to `path` through a temporary file renamed at the end, so that a failed export
    /// leaves no half-written file; stdout when `path` is nil or "-". A path that exists and is
    /// not a regular file (`/dev/null`, a pipe) is written to directly.
    init(path: String?) throws {
        guard let path, path != "-" else {
            handle = FileHandle.standardOutput
            self.path = nil
            temporary = nil
            buffer.reserveCapacity(1 << 16)
            return
        }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw CLIFailure.error("\(path): is a folder") }
        let type =
            exists ? (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType : nil
        if exists, type != .typeRegular {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw CLIFailure.error("\(path): cannot write")
            }
            self.handle = handle
            self.path = nil
            temporary = nil
        } else {
            let temporary = path + ".part"
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                let handle = FileHandle(forWritingAtPath: temporary)
            else { throw CLIFailure.error("\(path): cannot write") }
            self.handle = handle
            self.path = path
            self.temporary = temporary
        }
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ string: String) {
        write(bytes: string.utf8)
    }

    /// Bytes as they are: a stream cut at any byte (an HTTP body) stays valid UTF-8 in the file.
    func write(bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, moves it into place.
    func finish() throws {
        flush()
        guard let path, let temporary else { return }
        try handle.close()
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }

    /// Runs `body` with a sink onto `path`; the file appears only if `body` succeeds.
    @discardableResult
    static func writing<Result>(to path: String?, _ body: (OutputSink) async throws -> Result) async throws -> Result {
        let sink = try OutputSink(path: path)
        do {
            let result = try await body(sink)
            try sink.finish()
            return result
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// Writes a plan export here, with a progress bar on a terminal for long Jira exports.
    @discardableResult
    func export(
        _ format: PlanExportFormat, team: String, plan: Int?, jira: JiraCSVOptions = JiraCSVOptions(), db: Database
    ) async throws -> Int {
        var out = self
        var bar: Terminal.Progress?
        return try await PlanExporter(database: db).write(format, team: team, plan: plan, jira: jira, to: &out) { _ in
        } progress: { done, total in
            if bar == nil { bar = Terminal.Progress(total: total, label: "Exporting", minimum: 10_000) }
            bar?.update(done)
            if done == total { bar?.finish() }
        }
    }

    /// Removes the temporary file of an export that failed.
    func abandon() {
        guard let temporary else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }
}
