import FirebreakCore
import Foundation
import Testing

/// A field's name is not prose: "Number of support tickets raised" says "support ticket", yet a
/// report that has that field but no "Detected by" does not say a customer noticed. Only the report's
/// prose and the "Detected by" field's value say who did, wherever the name is written: a field bullet,
/// a bold or quoted line, a heading, a table's first column or its header row.
@Suite("Outage report parser: field names are not facts")
struct FieldLabelFactsTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        /// Replaces the canonical report's severity line (line 6).
        var severityLine = "- **Severity:** SEV2"
        /// Replaces its detection line (line 7).
        var detectionLine = ""
        /// Replaces its tickets line (line 8).
        var ticketsLine = "- **Number of support tickets raised:** 14"
        /// Added to the explanation.
        var prose = "Free Markdown."
        /// Added at the end, after the actions.
        var tail = ""
        var detectedBy: DetectionSource
        var severity: Severity? = .sev2
        /// A severity on no named scale, which the team's alias table may name.
        var severityText: String? = nil
        var tickets: Int? = 14
        var warnings: [String] = []
        var description: String { name }
    }

    static let report = """
        # INC-7: Booking API returned 502s during the Monday peak

        - **Description:** Online booking failed for most salons for almost two hours.
        - **Date:** 2026-03-02 08:55 UTC
        - **Outage time:** 01:47
        SEVERITY
        DETECTION
        TICKETS
        - **Team:** CORE

        ## Explanation of the problem
        PROSE

        ## Preventative measures and actions
        - [detect] Alert when the booking API 5xx rate is above 2% for 5 minutes (estimate: 2)
        TAIL
        """

    static let cases: [Case] = [
        Case(name: "canonical report without Detected by", detectedBy: .unknown),
        Case(
            name: "prose that names a support ticket", prose: "A customer reported it through a support ticket.",
            detectedBy: .customer),
        Case(
            name: "prose that names only a support ticket", prose: "It came in through a support ticket at 09:10.",
            detectedBy: .customer),
        Case(
            name: "misspelt Detected by", detectionLine: "- **Detected bi:** alert", detectedBy: .unknown,
            warnings: ["inc7.md:7: warning: unknown field \"Detected bi\" is ignored; did you mean \"Detected by\"?"]),
        Case(name: "Detected by that names an alert", detectionLine: "- **Detected by:** alert", detectedBy: .alert),
        Case(
            name: "Detected by whose value names a support ticket",
            detectionLine: "- **Detected by:** a support ticket from a salon", detectedBy: .customer),
        Case(name: "tickets as a plain field", ticketsLine: "- Support tickets: 14", detectedBy: .unknown),
        Case(name: "tickets as a bold line", ticketsLine: "**Support tickets:** 14", detectedBy: .unknown),
        Case(name: "tickets as a quoted bold line", ticketsLine: "> **Support tickets:** 14", detectedBy: .unknown),
        Case(
            name: "tickets as a table row", ticketsLine: "\n| Fact | Value |\n|---|---|\n| Support tickets | 14 |",
            detectedBy: .unknown),
        Case(
            name: "tickets unknown in a table row",
            ticketsLine: "\n| Fact | Value |\n|---|---|\n| Support tickets | ? |",
            detectedBy: .unknown, tickets: nil),
        Case(
            name: "tickets unknown as a field", ticketsLine: "- **Number of support tickets raised:** TBD",
            detectedBy: .unknown, tickets: nil),
        Case(
            name: "tickets in a table whose header names them",
            ticketsLine: "\n| Number of support tickets raised | Severity |\n|---|---|\n| 14 | SEV2 |",
            detectedBy: .unknown),
        Case(
            name: "a table whose header names detection and tickets",
            ticketsLine: "\n| Detected by | Number of support tickets raised |\n|---|---|\n| TBD | 14 |",
            detectedBy: .unknown),
        Case(
            name: "a table whose header names severity and detection", severityLine: "",
            ticketsLine: "\n| Severity | Detected by |\n|---|---|\n| TBD | TBD |", detectedBy: .unknown,
            severity: nil, tickets: nil),
        Case(
            name: "a table under the names of severity and detection", severityLine: "",
            ticketsLine: "\n| Severity | Detected by |\n|---|---|\n| SEV2 | alert |", detectedBy: .alert,
            tickets: nil),
        Case(
            name: "a table row whose value is a field's name",
            detectionLine: "\n| Fact | Value |\n|---|---|\n| Detected by | Support tickets |",
            detectedBy: .customer),
        Case(
            name: "a number on the line before the tickets' name", severityLine: "**Severity:** 2",
            ticketsLine: "**Support tickets:** TBD", detectedBy: .unknown, tickets: nil),
        Case(
            name: "tickets in an impact section", ticketsLine: "",
            tail: "\n## Impact\n- Support tickets: 14", detectedBy: .unknown),
        Case(
            name: "tickets under a heading of their own", ticketsLine: "",
            tail: "\n## Number of support tickets raised\nNone counted yet.", detectedBy: .unknown, tickets: nil),
        Case(
            name: "tickets in a stats list", ticketsLine: "",
            tail: "\n## Stats\n- **Support tickets:** 14", detectedBy: .unknown),
    ]

    @Test(arguments: cases)
    func detectionIsReadFromProseAndItsOwnField(_ c: Case) throws {
        let text = Self.report.replacingOccurrences(of: "SEVERITY", with: c.severityLine)
            .replacingOccurrences(of: "DETECTION", with: c.detectionLine)
            .replacingOccurrences(of: "TICKETS", with: c.ticketsLine)
            .replacingOccurrences(of: "PROSE", with: c.prose)
            .replacingOccurrences(of: "TAIL", with: c.tail)
        let report = try OutageReportParser().parse(text, file: "inc7.md")
        #expect(report.detectedBy == c.detectedBy)
        #expect(report.severity == c.severity)
        #expect(report.severityText == c.severityText)
        #expect(report.tickets == c.tickets)
        #expect(report.warnings.map(\.description) == c.warnings)
    }
}
