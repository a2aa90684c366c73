import FirebreakCore
import Foundation
import LibFuzzer

// libFuzzer target: Jira CSV exports and the RFC 4180 reader under them (`scripts/fuzz jira-csv`).
// Any input may be refused with a `CSVError`; none may crash, hang or exhaust memory, and every
// text the reader accepts must read back the same after `CSVField.row` writes it out again.

/// A user's own date format (`--date-format`), so that its reader sees every date cell too.
let userFormat = try! JiraDateFormat("dd/MM/yyyy HH:mm")

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
        let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        _ = try? JiraCSVImport.read(text, file: "fuzz.csv")
        _ = try? JiraCSVImport.read(text, file: "fuzz.csv", dateFormat: userFormat)
        guard let records = try? CSVReader.records(text, file: "fuzz.csv") else { return 0 }
        // A first cell that starts with a byte order mark cannot survive: the reader skips one there.
        if records.first?.fields.first?.hasPrefix("\u{FEFF}") == true { return 0 }
        let written = records.map { CSVField.row($0.fields) }.joined()
        let again = try? CSVReader.records(written, file: "written.csv")
        precondition(
            again?.map(\.fields) == records.map(\.fields),
            "CSVField.row wrote \(records.map(\.fields)) as \(written.debugDescription), which reads back differently")
        return 0
    })
