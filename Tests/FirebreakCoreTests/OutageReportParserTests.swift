import FirebreakCore
import Foundation
import Testing

@Suite("Outage report parser")
struct OutageReportParserTests {
    let parser = OutageReportParser()

    static let canonical = """
        # INC-7: Booking API returned 502s during the Monday peak

        - **Description:** Online booking failed for most salons for almost two hours.
        - **Date:** 2026-03-02 08:55 UTC
        - **Outage time:** 01:47
        - **Severity:** SEV2
        - **Detected by:** customer
        - **Number of support tickets raised:** 38
        - **Affected functionality:** Online booking, Payments
        - **Categories:** capacity, monitoring
        - **Team:** CORE

        ## Explanation of the problem
        Free Markdown.

        ## Investigations
        Where we looked.

        ## Preventative measures and actions
        - [detect] Alert when the booking API 5xx rate is above 2% for 5 minutes (estimate: 2)
        - [prevent] ACT-12: Autoscale the booking API on request rate (estimate: 5, coverage: 0.5, due: 2026-04-01)
        - ACT-3 (coverage: 0.5)
        """

    @Test func readsEveryCanonicalField() throws {
        let r = try parser.parse(Self.canonical, file: "inc7.md")
        #expect(r.key == "INC-7")
        #expect(r.title == "Booking API returned 502s during the Monday peak")
        #expect(r.description == "Online booking failed for most salons for almost two hours.")
        #expect(r.startedAt == ReportDate.parse("2026-03-02T08:55:00Z"))
        #expect(r.outageMinutes == 107)
        #expect(r.severity == .sev2)
        #expect(r.detectedBy == .customer)
        #expect(r.tickets == 38)
        #expect(r.components == ["Online booking", "Payments"])
        #expect(r.categories == ["capacity", "monitoring"])
        #expect(r.team == "CORE")
        #expect(r.explanation == "Free Markdown.")
        #expect(r.investigations == "Where we looked.")
        #expect(r.status == .published)
        #expect(r.fieldLines[.severity] == 6)
        #expect(r.actions.count == 3)
        #expect(
            r.actions[0]
                == ReportedAction(
                    title: "Alert when the booking API 5xx rate is above 2% for 5 minutes", kind: .detect,
                    estimate: 2, line: 20))
        #expect(
            r.actions[1]
                == ReportedAction(
                    key: "ACT-12", title: "Autoscale the booking API on request rate", kind: .prevent, estimate: 5,
                    coverage: 0.5, due: CalendarDate("2026-04-01"), line: 21))
        #expect(r.actions[2] == ReportedAction(key: "ACT-3", coverage: 0.5, line: 22))
        #expect(r.actions[2].isLinkOnly)
    }

    @Test(arguments: [
        ("- Severity: P1", Severity.sev1), ("- **Severity:** SEV3", .sev3), ("- severity: 4", .sev4),
        ("- **Severity:** sev-2", .sev2),
    ])
    func severityNotations(line: String, expected: Severity) throws {
        let r = try parser.parse("# T\n\n\(line)\n", file: "f.md")
        #expect(r.severity == expected)
    }

    @Test(arguments: [
        ("2026-03-02 08:55", "2026-03-02T08:55:00Z"), ("2026-03-02 08:55 UTC", "2026-03-02T08:55:00Z"),
        ("2026-03-02 10:55 +02:00", "2026-03-02T08:55:00Z"), ("2026-03-02T08:55:30Z", "2026-03-02T08:55:30Z"),
        ("2026-03-02T03:55:00-05:00", "2026-03-02T08:55:00Z"),
    ])
    func dateNotations(text: String, iso: String) throws {
        let r = try parser.parse("# T\n\n- Date: \(text)\n", file: "f.md")
        #expect(r.startedAt.map(ISO8601Format.string) == iso)
    }

    @Test(arguments: [("00:05", 5), ("01:47", 107), ("30:00", 1800)])
    func outageTimes(text: String, minutes: Int) throws {
        #expect(try parser.parse("# T\n- Outage time: \(text)\n", file: "f.md").outageMinutes == minutes)
    }

    @Test(arguments: [
        ("# T\n\n- **Severity:** SEV7\n", 3, "severity \"SEV7\" is not one of SEV1..SEV4, P1..P4 or 1..4"),
        (
            "# T\n- Date: yesterday\n", 2,
            "date \"yesterday\" is not YYYY-MM-DD HH:MM (with optional UTC or ±HH:MM) or ISO 8601"
        ),
        (
            "# T\n- Outage time: 1:75\n", 2,
            "outage time \"1:75\" is not hh:mm (hours may exceed 24), \"1h 20m\" or \"95 minutes\""
        ),
        (
            "# T\n- Number of support tickets raised: many\n", 2,
            "number of support tickets \"many\" is not a whole number of zero or more"
        ),
        (
            "# T\n## Actions\n- [detcet] Do it\n", 3,
            "unknown action kind \"[detcet]\"; did you mean [detect]?"
        ),
        (
            "# T\n## Actions\n- Do it (estimate: -1)\n", 3,
            "estimate \"-1\" is not a number of story points from 0.01 to 1000"
        ),
        ("# T\n## Actions\n- Do it (coverage: 1.5)\n", 3, "coverage \"1.5\" is not a number from 0.001 to 1"),
        (
            "# T\n## Actions\n- Do it (estimate: 2, colour: red)\n", 3,
            "unknown attribute \"colour\"; expected estimate, coverage, due, jira, owner or depends"
        ),
        ("# T\n- Severity: 1\n- Severity: 2\n", 3, "field \"Severity\" is given twice (first on line 2)"),
    ])
    func badInputNamesTheLine(text: String, line: Int, reason: String) {
        #expect(throws: ReportError(file: "bad.md", line: line, reason: reason)) {
            try parser.parse(text, file: "bad.md")
        }
    }

    @Test func missingNumbersMakeADraftAndAreNeverGuessed() throws {
        let r = try parser.parse("# A title\n\n- Severity: ??\n- Detected by: customer\n", file: "d.md")
        #expect(r.status == .draft)
        #expect(r.severity == nil)
        #expect(r.missingFields == ["date", "outage time", "severity", "number of support tickets raised"])
        #expect(r.key == nil)
    }

    @Test func parenthesesThatAreNotAttributesStayInTheTitle() throws {
        let r = try parser.parse("# T\n## Action items\n- Upgrade the client (known leak in 4.1)\n", file: "f.md")
        #expect(r.actions.map(\.title) == ["Upgrade the client (known leak in 4.1)"])
    }

    @Test func writerOutputReadsBackToTheSameReport() throws {
        var r = try parser.parse(Self.canonical, file: "inc7.md")
        r.actions[0].key = "ACT-40"
        r.actions[0].description = "Page the on-call.\nAlso post in #ops."
        let again = try parser.parse(OutageReportWriter.markdown(r), file: "inc7.md")
        var expected = r
        expected.fieldLines = again.fieldLines
        for i in expected.actions.indices { expected.actions[i].line = again.actions[i].line }
        #expect(again == expected)
    }
}
