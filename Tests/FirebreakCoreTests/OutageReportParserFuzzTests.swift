import FirebreakCore
import Foundation
import Testing

/// Inputs that crashed or hung the parser (found with the `scripts/fuzz markdown` target): each
/// must now be read, or refused with a `ReportError` on the right line.
@Suite("Outage report parser: hostile input")
struct OutageReportParserFuzzTests {
    let parser = OutageReportParser()

    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var outageMinutes: Int?
        var description: String { text }
    }

    /// Hours times 60 overflowed (a crash) for hours from about 1.5e17: in the `Outage time` field,
    /// after "Time to recovery:" and after "lasting". Outages up to `ReportDate.maxMinutes` are
    /// read; longer ones, and negative ones, are not outage times.
    @Test(arguments: [
        Case(text: "# T\nTime to recovery: 999999999999999999:00\n", outageMinutes: nil),
        Case(text: "# T\nIt went down, lasting 999999999999999999 hours.\n", outageMinutes: nil),
        Case(text: "# T\nIt went down, lasting 9000000000000000 hours and 5 minutes.\n", outageMinutes: nil),
        Case(text: "# T\nIt went down, lasting -5 hours.\n", outageMinutes: nil),
        Case(text: "# T\nIt went down, lasting 2 hours and 5 minutes.\n", outageMinutes: 125),
        Case(text: "# T\n- Outage time: 35791394:07\n", outageMinutes: Int(Int32.max)),
        Case(text: "# T\n- Outage time: 2147483647 minutes\n", outageMinutes: Int(Int32.max)),
    ])
    func hugeOutageTimesAreNotRead(_ c: Case) throws {
        #expect(try parser.parse(c.text, file: "f.md").outageMinutes == c.outageMinutes)
    }

    @Test(arguments: ["999999999999999999:00", "35791394:08", "2147483648 minutes"])
    func anOutageTimeFieldTooLongToBeTrueIsAnError(value: String) {
        let reason = "outage time \"\(value)\" is not hh:mm (hours may exceed 24), \"1h 20m\" or \"95 minutes\""
        #expect(throws: ReportError(file: "f.md", line: 2, reason: reason)) {
            try parser.parse("# T\n- Outage time: \(value)\n", file: "f.md")
        }
    }

    /// The service takes a report of up to 1 MiB. Trimming the blank lines before a section's
    /// text was quadratic: over five minutes of one core for one such request.
    @Test(.timeLimit(.minutes(1)))
    func aSectionOfBlankLinesAtTheBodyLimitIsReadInLinearTime() throws {
        let head = "# T\n## Explanation\n"
        let blank = String(repeating: "\n", count: (1 << 20) - head.utf8.count - 2)
        let report = try parser.parse(head + blank + "x\n", file: "big.md")
        #expect(report.explanation == "x")
    }
}
