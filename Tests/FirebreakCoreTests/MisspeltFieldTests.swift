import FirebreakCore
import Foundation
import Testing

/// A misspelt field of the canonical form is a warning that says it is ignored, and it is: its value
/// is not read again from the report's prose. A fact the report states elsewhere, in a form DESIGN.md
/// allows, still counts.
@Suite("Outage report parser: misspelt fields are ignored")
struct MisspeltFieldTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        /// The canonical field line replaced, and the line put in its place (line 6 of the report).
        var field: String
        var misspelt: String
        /// Text added to the explanation, where a report may state a fact in prose.
        var prose = "Free Markdown."
        var warning: String
        var check: @Sendable (OutageReport) -> Bool
        var description: String { name }
    }

    static let report = """
        # INC-7: Booking API returned 502s during the Monday peak

        - **Description:** Online booking failed for most salons for almost two hours.
        - **Date:** 2026-03-02 08:55 UTC
        - **Outage time:** 01:47
        - **Severity:** SEV2
        - **Detected by:** customer
        - **Number of support tickets raised:** 38
        - **Team:** CORE

        ## Explanation of the problem
        PROSE

        ## Preventative measures and actions
        - [detect] Alert when the booking API 5xx rate is above 2% for 5 minutes (estimate: 2)
        """

    static let cases: [Case] = [
        Case(
            name: "severity", field: "- **Severity:** SEV2", misspelt: "- **Severty:** SEV2",
            warning: "unknown field \"Severty\" is ignored; did you mean \"Severity\"?",
            check: { $0.severity == nil && $0.severityText == nil && $0.missingFields == ["severity"] }),
        Case(
            name: "severity on the P scale", field: "- **Severity:** SEV2", misspelt: "- **Severit:** P1",
            warning: "unknown field \"Severit\" is ignored; did you mean \"Severity\"?",
            check: { $0.severity == nil && $0.status == .draft }),
        Case(
            name: "severity stated in the explanation too", field: "- **Severity:** SEV2",
            misspelt: "- **Severty:** SEV2", prose: "It was a SEV3 outage for the salons.",
            warning: "unknown field \"Severty\" is ignored; did you mean \"Severity\"?",
            check: { $0.severity == .sev3 && $0.status == .published }),
        Case(
            name: "outage time", field: "- **Outage time:** 01:47", misspelt: "- **Outage tim:** 01:47",
            warning: "unknown field \"Outage tim\" is ignored; did you mean \"Outage time\"?",
            check: { $0.outageMinutes == nil && $0.missingFields == ["outage time"] }),
        Case(
            name: "outage time as a range of times", field: "- **Outage time:** 01:47",
            misspelt: "- **Outage tim:** from 08:55 to 10:42",
            warning: "unknown field \"Outage tim\" is ignored; did you mean \"Outage time\"?",
            check: { $0.outageMinutes == nil && $0.missingFields == ["outage time"] }),
        Case(
            name: "tickets", field: "- **Number of support tickets raised:** 38",
            misspelt: "- **Number of support tickts raised:** 38",
            warning:
                "unknown field \"Number of support tickts raised\" is ignored; did you mean \"Number of support "
                + "tickets raised\"?",
            check: { $0.tickets == nil && $0.missingFields == ["number of support tickets raised"] }),
        Case(
            name: "detected by", field: "- **Detected by:** customer", misspelt: "- **Detected bi:** alert fired",
            warning: "unknown field \"Detected bi\" is ignored; did you mean \"Detected by\"?",
            check: { $0.detectedBy == .unknown }),
    ]

    @Test(arguments: cases)
    func theFieldIsIgnoredAsItsWarningSays(_ c: Case) throws {
        let text = Self.report.replacingOccurrences(of: c.field, with: c.misspelt)
            .replacingOccurrences(of: "PROSE", with: c.prose)
        let line = try #require(
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                $0 == c.misspelt
            })
        let report = try OutageReportParser().parse(text, file: "inc7.md")
        #expect(report.warnings.map(\.description) == ["inc7.md:\(line + 1): warning: \(c.warning)"])
        #expect(c.check(report), "\(report)")
    }

    @Test func theSameReportSpeltRightStatesEveryFact() throws {
        let report = try OutageReportParser().parse(
            Self.report.replacingOccurrences(of: "PROSE", with: "Free Markdown."), file: "inc7.md")
        #expect(report.warnings.isEmpty)
        #expect(report.severity == .sev2 && report.outageMinutes == 107 && report.tickets == 38)
        #expect(report.detectedBy == .customer && report.status == .published)
    }
}
