/// Why a CSV file could not be read: the same `FILE:LINE: reason` as a report that could not be.
public typealias CSVError = ReportError

/// Reads RFC 4180 CSV strictly, one record at a time, with the line each record starts on.
///
/// Cells may be quoted; a quoted cell holds commas, doubled quotes (`""` for `"`) and line
/// breaks (CR, LF or CRLF, kept as they are). Records end in CRLF or LF; the last one may end
/// at the end of the text. A UTF-8 byte order mark at the start is skipped. An empty line is a
/// record with one empty cell. Records may have different numbers of cells: checking that is
/// the caller's business.
///
/// Strict means that what a lenient reader would guess at is an error: a quote inside an
/// unquoted cell, text after a closing quote, a carriage return without a line feed outside
/// quotes, and a quoted cell still open at the end of the text.
///
/// Lines are counted as an editor counts them: LF, CRLF and a lone CR each end a line, inside
/// quoted cells too, so a record that holds a line break starts on one line and ends on a later
/// one.
public struct CSVReader: Sendable {
    /// The name of the file in errors.
    public let file: String
    private let bytes: [UInt8]
    private var index: Int
    /// The 1-based line of `bytes[index]`.
    private var line = 1
    /// Cells in the last record: room for the next one's.
    private var width = 0

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// A reader positioned at the first record of `text`; `file` names the source in errors, and
    /// `firstLine` is the line `text` starts on in it (a file read in pieces: `JiraCSVStream`).
    public init(_ text: String, file: String, firstLine: Int = 1) {
        // Bytes, not Characters: Swift takes CRLF for one Character, and the reader must see both.
        self.init(bytes: Array(text.utf8), file: file, firstLine: firstLine)
    }

    /// A reader of the UTF-8 text `bytes`, as ``init(_:file:firstLine:)`` reads `text`.
    public init(bytes: [UInt8], file: String, firstLine: Int = 1) {
        self.file = file
        self.line = firstLine
        self.bytes = bytes
        // A byte order mark is skipped where a file starts, not where a later piece of it does.
        self.index = firstLine == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Every record of `text`, in order, each with the 1-based line it starts on.
    public static func records(_ text: String, file: String) throws(CSVError) -> [(line: Int, fields: [String])] {
        var reader = CSVReader(text, file: file)
        var records: [(line: Int, fields: [String])] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// The next record and the line it starts on, or nil after the last one.
    public mutating func next() throws(CSVError) -> (line: Int, fields: [String])? {
        guard index < bytes.count else { return nil }
        let start = line
        var fields: [String] = []
        fields.reserveCapacity(width)
        while true {
            if index < bytes.count, bytes[index] == Self.quote {
                fields.append(try readQuoted(number: fields.count + 1))
            } else {
                fields.append(try readUnquoted(number: fields.count + 1))
            }
            guard index < bytes.count else { break }
            switch bytes[index] {
            case Self.comma:
                index += 1
                continue
            case Self.lf:
                index += 1
            default:  // A CR (anything else ended the cell with an error already): CRLF, or a lone CR
                // as old Mac files end their lines.
                index += index + 1 < bytes.count && bytes[index + 1] == Self.lf ? 2 : 1
            }
            line += 1
            break
        }
        width = fields.count
        return (start, fields)
    }

    /// Reads up to the next comma, line break or end of text.
    private mutating func readUnquoted(number: Int) throws(CSVError) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.comma || byte == Self.lf || byte == Self.cr { break }
            if byte == Self.quote {
                throw error("quote inside unquoted cell \(number); quote the whole cell and double the quote")
            }
            index += 1
        }
        return start == index ? "" : String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Reads a quoted cell from its opening quote to just after its closing quote.
    private mutating func readQuoted(number: Int) throws(CSVError) -> String {
        let opened = line
        index += 1
        let start = index
        // The cell's bytes are copied only when it has a doubled quote; else it is a slice of the text.
        var unquoted: [UInt8]?
        var end = index
        while true {
            guard index < bytes.count else {
                // The file ends on the line of its last character, not on the empty line after it.
                let last = bytes.last
                let end = last == Self.lf || last == Self.cr ? line - 1 : line
                throw CSVError(file: file, line: end, reason: "unterminated quoted cell (started on line \(opened))")
            }
            let byte = bytes[index]
            index += 1
            if byte == Self.quote {
                guard index < bytes.count, bytes[index] == Self.quote else {
                    end = index - 1
                    break
                }
                if unquoted == nil { unquoted = Array(bytes[start..<index]) } else { unquoted!.append(Self.quote) }
                index += 1
                continue
            }
            unquoted?.append(byte)
            if byte == Self.lf || (byte == Self.cr && (index == bytes.count || bytes[index] != Self.lf)) {
                line += 1
            }
        }
        if index < bytes.count, bytes[index] != Self.comma, bytes[index] != Self.lf, bytes[index] != Self.cr {
            throw error("text after the closing quote of cell \(number)")
        }
        if let unquoted { return String(decoding: unquoted, as: UTF8.self) }
        return start == end ? "" : String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func error(_ reason: String) -> CSVError {
        CSVError(file: file, line: line, reason: reason)
    }
}
