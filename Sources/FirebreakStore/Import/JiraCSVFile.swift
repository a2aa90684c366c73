public import FirebreakCore
import Foundation

/// A Jira CSV export on disk, read a piece at a time (about a mebibyte of whole records), so that
/// importing a file of any size takes the memory of one piece (DESIGN.md section 8: flat memory).
public struct JiraCSVFile: Sendable {
    /// Where the file is.
    public let path: String
    /// The file in errors and in the audit log: the path as the user gave it.
    public let name: String
    public let dateFormat: JiraDateFormat?

    /// Bytes read at a time (default 1 MiB); a piece is the whole records among them and what the
    /// last block left.
    let blockSize: Int

    public init(path: String, name: String? = nil, dateFormat: JiraDateFormat? = nil) {
        self.init(path: path, name: name, dateFormat: dateFormat, blockSize: 1 << 20)
    }

    init(path: String, name: String?, dateFormat: JiraDateFormat?, blockSize: Int) {
        self.path = path
        self.name = name ?? path
        self.dateFormat = dateFormat
        self.blockSize = blockSize
    }

    /// How far a reading of the file has come: for a progress line.
    public struct Position: Sendable, Equatable {
        /// Issues read so far.
        public var issues: Int
        /// Bytes of the file read so far, and its size.
        public var bytes: Int
        public var size: Int

        public init(issues: Int, bytes: Int, size: Int) {
            (self.issues, self.bytes, self.size) = (issues, bytes, size)
        }
    }

    /// Calls `body` with the issues of each piece of the file, in file order, and how far the
    /// reading has come once they are in. Errors are those of `JiraCSVImport.read` (each naming its
    /// line), after those of a text file that cannot be read: unreadable, not UTF-8, or holding a
    /// NUL character, which the whole file is checked for first.
    ///
    /// The next piece is read and parsed while `body` has the last one (writing it to the database,
    /// on another core), so at most two pieces' issues are held at once. An error of the next piece
    /// comes after `body` is done with this one, as when one piece is read after the other.
    ///
    /// With `checksKeys` false (default true) a key that repeats is not an error here, and nothing
    /// of the file is kept from one piece to the next: the caller finds repeated keys (the importer
    /// does, in the database). A bad row then ends a piece early: `body` gets the issues before it,
    /// so that a key repeated before it is found first, and the row's error comes after.
    public func forEachPiece(
        checksKeys: Bool = true, _ body: ([JiraIssue], Position) async throws -> Void
    ) async throws {
        try await forEachPiece(checksKeys: checksKeys, preparing: { issues, _ in issues }, body)
    }

    /// Calls `body` with each piece as `prepare` makes it of the piece's issues and the number of
    /// issues read once they are in, where the piece is read: beside `body`'s work on the piece before.
    func forEachPiece<Prepared: Sendable>(
        checksKeys: Bool, preparing prepare: @escaping @Sendable ([JiraIssue], Int) throws -> Prepared,
        _ body: (Prepared, Position) async throws -> Void
    ) async throws {
        try checkText()
        let reader = try Reader(self, checksKeys: checksKeys)
        let read = { Task { try await reader.next().map { (try prepare($0.0, $0.1.issues), $0.1) } } }
        var ahead = read()
        do {
            while let (piece, position) = try await ahead.value {
                ahead = read()
                try await body(piece, position)
            }
        } catch {
            ahead.cancel()
            _ = await ahead.result
            throw error
        }
    }

    /// The file's pieces, one after the other, read where `forEachPiece` is not waiting.
    actor Reader {
        let file: JiraCSVFile
        let handle: FileHandle
        var stream: JiraCSVStream
        /// Bytes read and not yet parsed: the start of a record that the last block did not end.
        var buffer: [UInt8] = []
        /// How much of `buffer` `scan` has seen.
        var scanned = 0
        var scan = JiraCSVStream.RecordScan()
        var position: Position
        /// The line `buffer` starts on.
        var line = 1
        var atEnd = false
        /// Whether the stream refuses a repeated key (`forEachPiece`).
        let checksKeys: Bool
        /// A bad row's error, when the issues before it were handed over first (`checksKeys` false).
        var failure: CSVError?

        init(_ file: JiraCSVFile, checksKeys: Bool) throws {
            guard let handle = FileHandle(forReadingAtPath: file.path) else {
                throw file.problem(1, "cannot read the file")
            }
            self.file = file
            self.handle = handle
            self.checksKeys = checksKeys
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            stream = JiraCSVStream(file: file.name, dateFormat: file.dateFormat, checksKeys: checksKeys)
            position = Position(issues: 0, bytes: 0, size: size)
        }

        deinit { try? handle.close() }

        /// The next piece's issues and how far the reading has come; nil after the last.
        func next() throws -> ([JiraIssue], Position)? {
            if let failure { throw failure }
            while !atEnd {
                let block = try file.readBlock(handle)
                atEnd = block.isEmpty
                buffer.append(contentsOf: block)
                let found = buffer.withUnsafeBufferPointer { bytes in
                    scan.scan(UnsafeBufferPointer(rebasing: bytes[scanned...])).map { scanned + $0 }
                }
                scanned = buffer.count
                guard let end = atEnd ? (buffer.isEmpty ? nil : buffer.count) : found else { continue }
                var piece = buffer
                buffer = Array(piece[end...])
                scanned = buffer.count
                piece.removeLast(piece.count - end)
                let issues: [JiraIssue]
                if checksKeys {
                    issues = try stream.issues(inBytes: piece, firstLine: line)
                } else {
                    (issues, failure) = stream.issuesUpToError(inBytes: piece, firstLine: line)
                    if let failure, issues.isEmpty { throw failure }
                }
                line += JiraCSVFile.lineBreaks(in: piece[...])
                position.issues += issues.count
                position.bytes += end
                return (issues, position)
            }
            try stream.finish()
            return nil
        }
    }

    /// Lines as `CSVReader` counts them: a line feed, a carriage return and line feed, a lone carriage return.
    static func lineBreaks(in bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        var previousCR = false
        for byte in bytes {
            if byte == 0x0A {
                if !previousCR { count += 1 }
            } else if byte == 0x0D {
                count += 1
            }
            previousCR = byte == 0x0D
        }
        return count
    }

    /// What `firebreak import` says of a text file it cannot read as text: the whole file is read, a
    /// block at a time, before any of it is imported.
    func checkText() throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw problem(1, "cannot read the file") }
        defer { try? handle.close() }
        var carry: [UInt8] = []
        var atEnd = false
        var nul = false
        while !atEnd {
            let block = try readBlock(handle)
            atEnd = block.isEmpty
            carry.append(contentsOf: block)
            // Up to a line feed, which no UTF-8 sequence holds, so each part is whole characters.
            guard let end = atEnd ? carry.endIndex : carry.lastIndex(of: 0x0A).map({ $0 + 1 }) else { continue }
            let part = carry[..<end]
            guard String(validating: part, as: UTF8.self) != nil else {
                throw problem(1, "the file is not UTF-8 text")
            }
            nul = nul || part.contains(0)
            carry.removeFirst(end)
        }
        if nul, let problem = nulProblem() { throw problem }
    }

    /// The NUL character's line, counted over the whole text as `firebreak import` counts it (a rare
    /// error: the file is read whole for it).
    func nulProblem() -> ReportError? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
            let nul = text.firstIndex(of: "\0")
        else { return nil }
        let line = text[..<nul].reduce(1) { $0 + ($1.isNewline ? 1 : 0) }
        return problem(line, "the file holds a NUL character, which text cannot")
    }

    func readBlock(_ handle: FileHandle) throws -> Data {
        do {
            return try handle.read(upToCount: blockSize) ?? Data()
        } catch {
            throw problem(1, "cannot read the file")
        }
    }

    func problem(_ line: Int, _ reason: String) -> ReportError {
        ReportError(file: name, line: line, reason: reason)
    }
}
