import FirebreakCore
import Testing

/// The strict RFC 4180 reader: records with the lines they start on, and errors on the right line.
@Suite("CSV reader")
struct CSVReaderTests {
    struct Record: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [String]
        var description: String { "\(line): \(fields)" }
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var records: [(Int, [String])]
        var description: String { name }
    }

    static let valid = [
        Case(name: "LF records", text: "a,b\nc,d\n", records: [(1, ["a", "b"]), (2, ["c", "d"])]),
        Case(name: "CRLF records", text: "a,b\r\nc,d\r\n", records: [(1, ["a", "b"]), (2, ["c", "d"])]),
        Case(name: "no final newline", text: "a,b\r\nc,d", records: [(1, ["a", "b"]), (2, ["c", "d"])]),
        Case(name: "empty text", text: "", records: []),
        Case(
            name: "old Mac CR records", text: "a,b\rc\r\"d\"\re",
            records: [(1, ["a", "b"]), (2, ["c"]), (3, ["d"]), (4, ["e"])]),
        Case(name: "byte order mark", text: "\u{FEFF}Summary,Issue key\n", records: [(1, ["Summary", "Issue key"])]),
        Case(name: "comma in quotes", text: "\"a,b\",c\n", records: [(1, ["a,b", "c"])]),
        Case(name: "doubled quotes", text: "\"say \"\"hi\"\"\",\"\"\"\"", records: [(1, ["say \"hi\"", "\""])]),
        Case(name: "empty quoted cell", text: "\"\",a", records: [(1, ["", "a"])]),
        Case(name: "empty cells", text: ",,\n", records: [(1, ["", "", ""])]),
        Case(name: "trailing comma at the end", text: "a,", records: [(1, ["a", ""])]),
        Case(name: "empty line", text: "a\n\nb\n", records: [(1, ["a"]), (2, [""]), (3, ["b"])]),
        Case(name: "quoted cell last", text: "a,\"b\"", records: [(1, ["a", "b"])]),
        Case(name: "cell counts may differ", text: "a,b\nc\n", records: [(1, ["a", "b"]), (2, ["c"])]),
        Case(name: "non-ASCII", text: "Ünïcödé,✓ — ok\n", records: [(1, ["Ünïcödé", "✓ — ok"])]),
        Case(name: "spaces are kept", text: " a , b \n", records: [(1, [" a ", " b "])]),
        Case(
            name: "LF in quotes", text: "\"one\ntwo\",x\nnext\n",
            records: [(1, ["one\ntwo", "x"]), (3, ["next"])]),
        Case(
            name: "CRLF in quotes", text: "\"one\r\ntwo\",x\r\nnext\r\n",
            records: [(1, ["one\r\ntwo", "x"]), (3, ["next"])]),
        Case(name: "CR in quotes", text: "\"one\rtwo\",x\nnext", records: [(1, ["one\rtwo", "x"]), (3, ["next"])]),
        Case(
            name: "blank lines in quotes", text: "\"a\n\nb\",c\n\"d\"\ne\n",
            records: [(1, ["a\n\nb", "c"]), (4, ["d"]), (5, ["e"])]),
        Case(
            name: "quotes and commas across lines", text: "h1,h2\n\"x, \"\"y\"\"\r\nz\",\"\"\"\"\nlast,row",
            records: [(1, ["h1", "h2"]), (2, ["x, \"y\"\r\nz", "\""]), (4, ["last", "row"])]),
    ]

    @Test(arguments: valid)
    func readsRecordsWithTheirLines(_ c: Case) throws {
        let records = try CSVReader.records(c.text, file: "t.csv").map { Record(line: $0.line, fields: $0.fields) }
        #expect(records == c.records.map { Record(line: $0.0, fields: $0.1) })
    }

    struct Failure: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var line: Int
        var reason: String
        var description: String { name }
    }

    /// Seven lines of good records (one cell spans two), then a quoted cell that never closes.
    static let truncated = "Summary,Issue key\na,OPS-1\nb,OPS-2\nc,OPS-3\nd,OPS-4\n\"e\nf\",OPS-5\n\"g, cut off\nhere\n"

    static let failures = [
        Failure(
            name: "unterminated at the end of a line", text: "a,\"b\nc\n", line: 2,
            reason: "unterminated quoted cell (started on line 1)"),
        Failure(
            name: "unterminated without newline", text: "x\n\"abc", line: 2,
            reason: "unterminated quoted cell (started on line 2)"),
        Failure(
            name: "truncated file", text: truncated, line: 9, reason: "unterminated quoted cell (started on line 8)"),
        Failure(
            name: "quote in an unquoted cell", text: "ok\na,b\"c\n", line: 2,
            reason: "quote inside unquoted cell 2; quote the whole cell and double the quote"),
        Failure(
            name: "text after a closing quote", text: "ok\n\"a\"b,c\n", line: 2,
            reason: "text after the closing quote of cell 1"),
        Failure(
            name: "space after a closing quote", text: "\"a\" ,b\n", line: 1,
            reason: "text after the closing quote of cell 1"),
        Failure(
            name: "text after a multi-line quoted cell", text: "\"x\n\ny\"z", line: 3,
            reason: "text after the closing quote of cell 1"),
    ]

    @Test(arguments: failures)
    func failsOnTheLineOfTheProblem(_ f: Failure) {
        #expect(throws: CSVError(file: "t.csv", line: f.line, reason: f.reason)) {
            try CSVReader.records(f.text, file: "t.csv")
        }
    }

    @Test func errorsPrintAsFileLineReason() {
        let error = CSVError(file: "export.csv", line: 7, reason: "unterminated quoted cell (started on line 7)")
        #expect(error.description == "export.csv:7: unterminated quoted cell (started on line 7)")
    }

    /// What Firebreak writes with `CSVField` reads back strictly as the same cells.
    @Test(arguments: [
        ["plain", "", "with, comma"], ["\"quoted\"", "a \"b\" c", "\""], ["one\r\ntwo", "one\ntwo", "one\rtwo"],
        ["=SUM(A1)", "-2%", "@x", "+1"], ["Ünïcödé — ✓"], [""], [",", "\r\n", "\n\n"],
    ])
    func readsBackWhatCSVFieldWrites(_ fields: [String]) throws {
        let text = CSVField.row(["first"]) + CSVField.row(fields) + CSVField.row(["last"])
        let records = try CSVReader.records(text, file: "ours.csv")
        try #require(records.count == 3)
        #expect(records[1].fields == fields)
        #expect(records[2].fields == ["last"])
        // A Character that is a newline is CR, LF or CRLF: one line break each.
        #expect(records[2].line == 3 + fields.reduce(0) { $0 + $1.filter(\.isNewline).count })
    }

    @Test func readsOneRecordAtATime() throws {
        var reader = CSVReader("a\n\"b\nc\"\nd", file: "t.csv")
        #expect(try reader.next()?.line == 1)
        #expect(try reader.next()?.fields == ["b\nc"])
        #expect(try reader.next()?.line == 4)
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }
}
