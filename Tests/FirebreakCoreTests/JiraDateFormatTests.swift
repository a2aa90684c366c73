import FirebreakCore
import FirebreakTesting
import Foundation
import Testing

/// Issue #12: exports in the exporting user's own date format (`16/02/2017 15:26`) refused the
/// file with no way to say the format. `--date-format` takes Jira's own letters.
@Suite("Jira date formats")
struct JiraDateFormatTests {
    @Test(
        arguments: [
            ("dd/MM/yyyy HH:mm", "16/02/2017 15:26", "2017-02-16", 926),
            ("dd/MM/yyyy HH:mm", "16/02/2017", "2017-02-16", nil),  // a due date: the date part only
            ("dd/MM/yyyy HH:mm", "6/2/2017 9:05", "2017-02-06", 545),
            ("d/M/yy H:mm", "6/2/17 0:05", "2017-02-06", 5),
            ("MM/dd/yyyy h:mm a", "02/16/2017 3:26 PM", "2017-02-16", 926),
            ("MM/dd/yyyy h:mm a", "02/16/2017 12:10 am", "2017-02-16", 10),
            ("MM/dd/yyyy h:mm a", "02/16/2017 12:10 PM", "2017-02-16", 730),
            ("dd.MM.yy HH:mm", "16.02.17 15:26", "2017-02-16", 926),
            ("dd.MM.yy HH:mm", " 16.02.17   15:26 ", "2017-02-16", 926),
            ("yyyy-MM-dd'T'HH:mm:ss", "2017-02-16T15:26:59", "2017-02-16", 926),
            ("yyyy-MM-dd'T'HH:mm:ss", "2017-02-16", "2017-02-16", nil),
            ("dd MMM yyyy HH:mm", "16 feb 2017 15:26", "2017-02-16", 926),
            ("dd MMM yyyy HH:mm", "16 February 2017 15:26", "2017-02-16", 926),
            ("MMM d, yyyy h:mm a", "Feb 6, 2017 3:26 PM", "2017-02-06", 926),
            ("ddMMyyyy HHmm", "16022017 1526", "2017-02-16", 926),
            ("yyMMdd", "170216", "2017-02-16", nil),
            ("dd/MM/yy", "16/02/2017", "2017-02-16", nil),
            ("dd 'de' MMM yyyy", "16 de feb 2017", "2017-02-16", nil),
        ] as [(String, String, String, Int?)])
    func readsDatesInTheGivenFormat(pattern: String, text: String, day: String, minutes: Int?) throws {
        let format = try JiraDateFormat(pattern)
        let date = try #require(format.parse(text))
        #expect(date.day.description == day)
        #expect(date.minutes == minutes)
    }

    @Test(arguments: [
        ("dd/MM/yyyy HH:mm", "02/16/2017 15:26"), ("dd/MM/yyyy HH:mm", "31/02/2017 15:26"),
        ("dd/MM/yyyy HH:mm", "16/02/2017 24:00"), ("dd/MM/yyyy HH:mm", "16/02/2017 15:60"),
        ("dd/MM/yyyy HH:mm", "16/02/17 15:26"), ("dd/MM/yyyy HH:mm", "16/02/2017 15"),
        ("dd/MM/yyyy HH:mm", "16/02/2017 15:26 PM"), ("dd/MM/yyyy HH:mm", "16-02-2017 15:26"),
        ("dd/MM/yyyy HH:mm", "16/Feb/2017 15:26"), ("dd/MM/yyyy HH:mm", "+6/02/2017 15:26"),
        ("dd/MM/yyyy HH:mm", ""), ("MM/dd/yyyy h:mm a", "02/16/2017 13:26 PM"),
        ("MM/dd/yyyy h:mm a", "02/16/2017 0:26 AM"), ("MM/dd/yyyy h:mm a", "02/16/2017 3:26"),
        ("dd MMM yyyy", "16 Fev 2017"), ("ddMMyyyy", "1622017"), ("dd/MM/yyyy", "16/02/2017x"),
    ])
    func rejectsWhatDoesNotMatch(pattern: String, text: String) throws {
        #expect(try JiraDateFormat(pattern).parse(text) == nil)
    }

    @Test(arguments: [
        ("dd/MM/yyyy HH:nn", "\"nn\" at position 15 is not a date field"),
        ("EEE dd/MM/yyyy", "\"EEE\" at position 1 is not a date field"),
        ("dd/MM HH:mm", "no year (yy or yyyy)"), ("MM/yyyy", "no day (d or dd)"),
        ("dd/yyyy", "no month (M, MM or MMM)"), ("dd/MM/yyyy dd", "more than one day (d or dd)"),
        ("dd/MM/y", "\"y\" at position 7 is not a date field"),
        ("dd/MM/yyyy HH", "hours need minutes (HH:mm or h:mm a)"),
        ("dd/MM/yyyy h:mm", "h (1 to 12) needs a for AM or PM; use H for 0 to 23"),
        ("dd/MM/yyyy HH:mm a", "a (AM or PM) needs h (1 to 12), not H"),
        ("HH:mm dd/MM/yyyy", "the time must come after the date"),
        ("dd/MM/yyyy 'at HH:mm", "a quote at position 12 is not closed"),
        ("", "no day (d or dd)"),
    ])
    func refusesFormatsItCannotRead(pattern: String, reason: String) {
        #expect {
            try JiraDateFormat(pattern)
        } throws: { error in
            guard let error = error as? JiraDateFormatError else { return false }
            return error.pattern == pattern && error.reason.hasPrefix(reason)
                && error.description.hasPrefix("date format \"\(pattern)\": ")
        }
    }

    @Test(arguments: [
        ("16/02/2017 15:26", "dd/MM/yyyy HH:mm"), ("16/02/17 15:26", "dd/MM/yy HH:mm"),
        ("02/16/2017 3:26 PM", "MM/dd/yyyy h:mm a"), ("16.02.2017 15:26", "dd.MM.yyyy HH:mm"),
        ("2017/02/16 15:26", "yyyy/MM/dd HH:mm"),
    ])
    func suggestsAFormatThatReadsTheDate(text: String, pattern: String) {
        #expect(JiraDateFormat.suggestion(for: text) == pattern)
    }

    /// Random text in random formats: a format is made or refused with its error, a text is read
    /// or not, nothing traps, and what reads is a real day and a time of day.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomTextNeverTraps(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let patternAlphabet = Array("dMyHhmsaE '/:.-,T")
        let textAlphabet = Array("0123456789/:.- ,TAPMapmFebJanx'")
        var formats = try JiraDateFormat.common.map { try JiraDateFormat($0) }
        for _ in 0..<2_000 {
            let pattern = String(
                (0..<Int.random(in: 1...16, using: &random)).map { _ in
                    patternAlphabet.randomElement(using: &random)!
                })
            do {
                formats.append(try JiraDateFormat(pattern))
            } catch {  // typed: a JiraDateFormatError
                #expect(error.pattern == pattern && !error.reason.isEmpty)
            }
        }
        for _ in 0..<5_000 {
            let text = String(
                (0..<Int.random(in: 0...20, using: &random)).map { _ in
                    textAlphabet.randomElement(using: &random)!
                })
            for format in formats.prefix(40) {
                guard let date = format.parse(text) else { continue }
                #expect((1...12).contains(date.day.month) && (0..<1440).contains(date.minutes ?? 0))
            }
        }
    }

    static let userFormatExport = """
        Summary,Issue key,Status,Created,Due date
        Alert on queue depth,STAB-5,To Do,16/02/2017 15:26,28/02/2017
        Write the scenario,STAB-3,Done,15/02/2017 09:00,

        """

    /// Without the option the file is refused with a message that says what to pass; with it, it reads.
    @Test func aUserFormatFileNeedsTheOption() throws {
        #expect(
            throws: CSVError(
                file: "export.csv", line: 2,
                reason: "column 4 \"Created\": \"16/02/2017 15:26\" is not a date like 22/Sep/25 9:26 AM, 30/Mar/18 or "
                    + "2026-03-13; if the export uses your own Jira date format, pass --date-format with it, e.g. "
                    + "--date-format \"dd/MM/yyyy HH:mm\"")
        ) { try JiraCSVImport.read(Self.userFormatExport, file: "export.csv") }

        let issues = try JiraCSVImport.read(
            Self.userFormatExport, file: "export.csv", dateFormat: JiraDateFormat("dd/MM/yyyy HH:mm"))
        #expect(issues.map(\.key) == ["STAB-5", "STAB-3"])
        #expect(issues[0].created == ReportDate.parse("2017-02-16 15:26"))
        #expect(issues[0].due == CalendarDate("2017-02-28"))
        #expect(issues[1].created == ReportDate.parse("2017-02-15 09:00") && issues[1].due == nil)
    }

    /// A format does not stop Jira's default form or ISO from reading; a date in neither names the format.
    @Test func theOptionKeepsTheDefaultFormsAndNamesItselfInErrors() throws {
        let format = try JiraDateFormat("MM/dd/yyyy h:mm a")
        let mixed = "Summary,Issue key,Created,Updated\nA,OPS-1,22/Sep/25 9:26 AM,2025-09-23 17:00\n"
        let issue = try #require(try JiraCSVImport.read(mixed, file: "m.csv", dateFormat: format).first)
        #expect(issue.created == ReportDate.parse("2025-09-22 09:26"))
        #expect(issue.updated == ReportDate.parse("2025-09-23 17:00"))

        let dayFirst = "Summary,Issue key,Created\nA,OPS-1,16/02/2017 15:26\n"
        #expect(
            throws: CSVError(
                file: "d.csv", line: 2,
                reason:
                    "column 3 \"Created\": \"16/02/2017 15:26\" does not match --date-format \"MM/dd/yyyy h:mm a\"; "
                    + "it reads with --date-format \"dd/MM/yyyy HH:mm\"")
        ) { try JiraCSVImport.read(dayFirst, file: "d.csv", dateFormat: format) }

        let garbage = "Summary,Issue key,Created\nA,OPS-1,yesterday\n"
        #expect(
            throws: CSVError(
                file: "g.csv", line: 2,
                reason: "column 3 \"Created\": \"yesterday\" does not match --date-format \"MM/dd/yyyy h:mm a\"; pass "
                    + "--date-format with the export's date format, e.g. --date-format \"dd/MM/yyyy HH:mm\"")
        ) { try JiraCSVImport.read(garbage, file: "g.csv", dateFormat: format) }
    }
}
