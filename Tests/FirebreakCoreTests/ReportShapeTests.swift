import FirebreakCore
import Foundation
import Testing

/// The shapes of DESIGN.md section 3 that no vendored report has, each written as people write it,
/// with the actions (title and done) a person reads in it.
@Suite("Report shapes")
struct ReportShapeTests {
    struct Shape: Sendable, CustomStringConvertible {
        var description: String
        var text: String
        var actions: [String]
        var done: [Bool]
    }

    static let shapes = [
        Shape(
            description: "bold Action item paragraphs anywhere but the lessons",
            text: """
                # Cache stampede

                ## What happened
                The cache expired at once.

                **Action item:** Add jitter to cache expiry

                ## Lessons learned
                **Action item:** this is a lesson, not an action
                """,
            actions: ["Add jitter to cache expiry"], done: [false]),
        Shape(
            description: "a status column with DONE, check marks and struck-through rows",
            text: """
                # DNS outage

                ## Follow-ups
                | Action | Owner | Status |
                | --- | --- | --- |
                | Lower the TTL | ana | **DONE** |
                | Add a second provider | ben | In progress |
                | ✅ Alert on resolution errors | cy | |
                | ~~Move the zone by hand~~ | dee | |
                """,
            actions: ["Lower the TTL", "Add a second provider", "Alert on resolution errors", "Move the zone by hand"],
            done: [true, false, true, true]),
        Shape(
            description: "checkboxes, (done) and a lead-in ending in ':' with children",
            text: """
                # Payments queue stalled

                ## Next steps
                - [x] Restart the consumer on a schedule
                - [ ] Alert on queue depth (done)
                - Short term:
                  - Add a dead-letter queue
                  - Page on consumer lag
                - Document the runbook
                  - with the commands to drain the queue
                  - and who to call

                ## What went well
                - The on-call engineer found it in minutes
                """,
            actions: [
                "Restart the consumer on a schedule", "Alert on queue depth", "Add a dead-letter queue",
                "Page on consumer lag", "Document the runbook",
            ],
            done: [true, true, false, false, false]),
        Shape(
            description: "no headings, old Mac line endings, a plain 'Action items:' line",
            text: "Login outage on 3 February\r\rAction items:\r- Add a canary for the login page\r",
            actions: ["Add a canary for the login page"], done: [false]),
    ]

    @Test(arguments: shapes)
    func readsEveryActionOnce(_ shape: Shape) throws {
        let report = try OutageReportParser().parse(shape.text, file: "shape.md")
        #expect(report.actions.map { $0.title ?? "" } == shape.actions)
        #expect(report.actions.map(\.completed) == shape.done)
    }

    @Test func nestedBulletsAreTheActionsDescription() throws {
        let report = try OutageReportParser().parse(Self.shapes[2].text, file: "shape.md")
        #expect(report.actions[4].description == "- with the commands to drain the queue\n- and who to call")
    }

    @Test func aHeadinglessReportIsTitledByItsFirstLine() throws {
        let report = try OutageReportParser().parse(Self.shapes[3].text, file: "shape.md")
        #expect(report.title == "Login outage on 3 February")
    }

    /// "On Monday 3. February" is not the end of a sentence.
    @Test func aDescriptionIsNotCutAtANumberWithAFullStop() throws {
        let text = "# T\n\n## Summary\nOn Monday 3. February the API failed. It came back.\n"
        #expect(
            try OutageReportParser().parse(text, file: "t.md").description == "On Monday 3. February the API failed.")
    }
}
