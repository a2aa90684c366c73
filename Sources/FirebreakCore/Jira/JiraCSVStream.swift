/// Reads a Jira CSV export piece by piece, each piece a run of whole records of the file, so that a
/// file of any size is read in the memory of one piece (`JiraImporter.importFile`). The rules and the
/// errors are those of ``JiraCSVImport/read(_:file:dateFormat:)``, which reads a whole text with it.
public struct JiraCSVStream: Sendable {
    /// The file, named in errors.
    public let file: String
    let dateFormat: JiraDateFormat?
    /// Whether the stream keeps each issue's parent id and epic link (`parents`), for `read` to
    /// resolve parents once it has every issue. An import has no use for parents and does not.
    let keepsParents: Bool
    /// Whether the stream refuses a key that repeats, naming both lines (default true). It keeps every
    /// key it has read for that; an import that checks the keys itself (in the database, where they
    /// are staged anyway) turns it off, so that its memory does not grow with the file.
    let checksKeys: Bool
    /// The header, once the first piece is read.
    var header: Header?
    /// The line each issue key was read on, to name both lines of a key that repeats (`checksKeys`).
    var lines: [String: Int] = [:]
    /// The `Parent id` (or `Parent`) and `Epic Link` of each issue so far, when `keepsParents`.
    var parents: [(id: String?, epicLink: String?)] = []

    struct Header: Sendable {
        var columns: JiraCSVImport.Columns
        var count: Int
        var lists: JiraIssue.ListColumns
    }

    /// A stream of the file `file`, reading dates in `dateFormat` first when there is one.
    /// A stream of the file `file`, reading dates in `dateFormat` first when there is one; with
    /// `checksKeys` false (default true), a key that repeats is the caller's to find.
    public init(file: String, dateFormat: JiraDateFormat? = nil, checksKeys: Bool = true) {
        self.init(file: file, dateFormat: dateFormat, keepsParents: false, checksKeys: checksKeys)
    }

    init(file: String, dateFormat: JiraDateFormat?, keepsParents: Bool, checksKeys: Bool = true) {
        self.file = file
        self.dateFormat = dateFormat
        self.keepsParents = keepsParents
        self.checksKeys = checksKeys
    }

    /// The issues of `piece`: the file's next whole records, the first of them on line `firstLine`
    /// (the first piece starts the file, with its header row). Issues' `parentKey` is only their
    /// `Parent key`: resolving `Parent id` takes the whole file (`read` does).
    public mutating func issues(in piece: String, firstLine: Int) throws(CSVError) -> [JiraIssue] {
        try issues(in: CSVReader(piece, file: file, firstLine: firstLine))
    }

    /// The issues of `piece`, the UTF-8 bytes of the file's next whole records, as ``issues(in:firstLine:)``.
    public mutating func issues(inBytes piece: [UInt8], firstLine: Int) throws(CSVError) -> [JiraIssue] {
        try issues(in: CSVReader(bytes: piece, file: file, firstLine: firstLine))
    }

    /// The issues of `piece` as ``issues(inBytes:firstLine:)`` reads them, up to the first error, and
    /// that error: the issues before a bad row are still the caller's to check (for a key that
    /// repeats before it, which is the file's first error then).
    public mutating func issuesUpToError(
        inBytes piece: [UInt8], firstLine: Int
    ) -> (
        issues: [JiraIssue], error: CSVError?
    ) {
        var issues: [JiraIssue] = []
        do {
            try read(CSVReader(bytes: piece, file: file, firstLine: firstLine), into: &issues)
            return (issues, nil)
        } catch {
            return (issues, error)
        }
    }

    private mutating func issues(in reader: CSVReader) throws(CSVError) -> [JiraIssue] {
        var issues: [JiraIssue] = []
        try read(reader, into: &issues)
        return issues
    }

    private mutating func read(_ reader: CSVReader, into issues: inout [JiraIssue]) throws(CSVError) {
        var reader = reader
        let header: Header
        if let known = self.header {
            header = known
        } else {
            guard let record = try reader.next() else { return }
            header = try Self.header(record, file: file)
            self.header = header
        }
        let known = header.columns.known
        while let record = try reader.next() {
            var (line, cells) = record
            if cells.allSatisfy(\.isBlank) { continue }
            // A file saved from a spreadsheet may carry empty cells past the header's last column.
            if cells.count > header.count, cells[header.count...].allSatisfy(\.isBlank) {
                cells.removeSubrange(header.count...)
            }
            guard cells.count == header.count else {
                throw CSVError(
                    file: file, line: line, reason: "row has \(cells.count) cells; the header has \(header.count)")
            }
            let row = JiraCSVImport.Row(
                columns: header.columns, cells: cells, file: file, line: line, dateFormat: dateFormat)
            if row.value(known.key) == nil && row.value(known.summary) == nil { continue }
            var issue = try row.issue()
            issue.listColumns = header.lists
            if checksKeys, let earlier = lines.updateValue(line, forKey: issue.key) {
                throw CSVError(file: file, line: line, reason: "issue \(issue.key) is also on line \(earlier)")
            }
            issues.append(issue)
            if keepsParents {
                parents.append((row.value(known.parentID) ?? row.value(known.parent), row.value(known.epicLink)))
            }
        }
    }

    /// Ends the file: an error when it had no header row (it was empty).
    public func finish() throws(CSVError) {
        guard header != nil else {
            throw CSVError(file: file, line: 1, reason: "no header row; expected Jira's CSV export")
        }
    }

    static func header(_ record: (line: Int, fields: [String]), file: String) throws(CSVError) -> Header {
        let columns = JiraCSVImport.Columns(record.fields)
        var lists: JiraIssue.ListColumns = []
        if !columns.all("Labels").isEmpty { lists.insert(.labels) }
        if !(columns.all("Component/s") + columns.all("Components")).isEmpty { lists.insert(.components) }
        if !columns.all("Sprint").isEmpty { lists.insert(.sprints) }
        for required in ["Summary", "Issue key"] where columns.first(required) == nil {
            throw CSVError(file: file, line: record.line, reason: "no \"\(required)\" column in the header")
        }
        return Header(columns: columns, count: record.fields.count, lists: lists)
    }

    /// Where the last whole record of `bytes` (the start of a file, or of what follows a piece) ends:
    /// after its line feed, or after a carriage return that no line feed follows, outside quotes;
    /// nil when no record ends in `bytes`. With `atEnd`, the text ends there, so a last carriage
    /// return ends a record and so does the end itself.
    public static func wholeRecords(in bytes: some Collection<UInt8>, atEnd: Bool) -> Int? {
        var scan = RecordScan()
        let end =
            bytes.withContiguousStorageIfAvailable { scan.scan($0) }
            ?? Array(bytes).withUnsafeBufferPointer {
                scan.scan($0)
            }
        if atEnd { return bytes.isEmpty ? end : bytes.count }
        return end
    }

    /// Where whole records end in bytes that arrive a block at a time: each byte is looked at once, however
    /// many blocks a record spans (a long quoted cell).
    public struct RecordScan: Sendable {
        /// Whether the bytes so far leave a quoted cell open.
        var quoted = false
        /// Whether the last byte was a carriage return outside quotes.
        var previousCR = false

        public init() {}

        /// Reads `bytes`, which follow those read before; where the last whole record among them ends (an
        /// offset in `bytes`), nil when none does. A carriage return last is not yet an end: a line feed may
        /// follow it in the next block.
        public mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            var end: Int?
            var quoted = self.quoted
            var previousCR = self.previousCR
            for offset in bytes.indices {
                let byte = bytes[offset]
                if previousCR {
                    previousCR = false
                    if byte != 0x0A { end = offset }  // a lone CR ended a record
                }
                switch byte {
                case 0x22: quoted.toggle()
                case 0x0A where !quoted: end = offset + 1
                case 0x0D where !quoted: previousCR = true
                default: break
                }
            }
            self.quoted = quoted
            self.previousCR = previousCR
            return end
        }
    }
}
