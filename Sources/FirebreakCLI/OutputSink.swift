import FirebreakCore
import FirebreakStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A `TextOutputStream` onto a file or stdout, buffered, so that exports stream: what is
/// written goes out in 64 KiB pieces and memory stays flat however long the export.
final class OutputSink: TextOutputStream {
    private let handle: FileHandle
    private let path: String?
    private let temporary: String?
    private var buffer: [UInt8] = []

    /// Writes to `path` through a temporary file beside it, renamed over it at the end, so that the
    /// file is never half-written and never keeps an old tail; stdout when `path` is nil or "-". A
    /// symbolic link is followed: its target's content is replaced whole and the link stays. A path
    /// that exists and is not a regular file (`/dev/null`, a pipe) is written to directly.
    init(path given: String?) throws {
        guard let given, given != "-" else {
            handle = FileHandle.standardOutput
            self.path = nil
            temporary = nil
            buffer.reserveCapacity(1 << 16)
            return
        }
        let path = Self.resolvingLinks(given)
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw CLIFailure.error("\(given): is a folder") }
        let type =
            exists ? (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType : nil
        if exists, type != .typeRegular {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw CLIFailure.error("\(given): cannot write")
            }
            self.handle = handle
            self.path = nil
            temporary = nil
        } else {
            // Beside the target, so that the rename stays on one file system; unique, so that two
            // exports to one file do not share it. It keeps the permissions of the file it replaces.
            let folder = (path as NSString).deletingLastPathComponent
            let name = ".\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).part"
            let temporary = folder.isEmpty ? name : folder + "/" + name
            let mode = exists ? (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] : nil
            guard
                FileManager.default.createFile(
                    atPath: temporary, contents: nil, attributes: mode.map { [.posixPermissions: $0] }),
                let handle = FileHandle(forWritingAtPath: temporary)
            else { throw CLIFailure.error("\(given): cannot write") }
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
        // rename(2) replaces the target in one step: a reader sees the old file or the new, never neither.
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw CLIFailure.error("\(path): cannot write: \(reason)")
        }
    }

    /// The file a path names once every symbolic link in it is followed; the path itself when it
    /// does not exist yet (a link to a file not yet made is followed to where that file will be).
    static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {  // as the kernel's own limit on links followed
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
                return current
            }
            current =
                target.hasPrefix("/")
                ? target : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
        }
        return current
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
