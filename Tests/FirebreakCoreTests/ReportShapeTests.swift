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
            description: "soft-wrapped bullets, a line of their own, a leading issue link and its definition",
            text: """
                # Disk full on the docs server

                ## Action items

                * Revisit the on-call rotation to make sure everyone on it has the
                  permissions to clean the disk.
                * Add an alert on disk usage
                  Owner: ana
                * [#2226]: Add simple logging to the
                  index updater
                [#2226]: https://github.com/rust-lang/crates.io/pull/2226
                """,
            actions: [
                "Revisit the on-call rotation to make sure everyone on it has the permissions to clean the disk.",
                "Add an alert on disk usage", "Add simple logging to the index updater",
            ],
            done: [false, false, false]),
        Shape(
            description: "a plain 'Action Items' line without a colon, and 'Completed as of' after a semicolon",
            text: """
                # Sushibar certificate expired

                ## Summary
                The certificate expired.

                Action Items
                - Set up alerting to warn us of expiring SSL

                - Purge all logs; Completed as of 2021-10-29.

                ## Lessons Learned
                - Know all your certificates
                """,
            actions: ["Set up alerting to warn us of expiring SSL", "Purge all logs"], done: [false, true]),
        Shape(
            description: "an action table with no heading above it, DONE and TODO in its Bug column",
            text: """
                # V4 upgrade halt

                **Root Causes**: validators ran different Go versions.

                | Action Item | Type | Owner | Bug |
                | --- | --- | --- |----|
                | Go version sync across all validator nodes | Prevention | Core-1 team | DONE |
                | Monitoring script for the nodes' versions | Prevention | Core-1 team | TODO |

                ## Timeline
                - 12:39 UTC: the chain halted
                """,
            actions: ["Go version sync across all validator nodes", "Monitoring script for the nodes' versions"],
            done: [true, false]),
        Shape(
            description: "a 'Looking Forward' section of grouped items, and a FAQ after it",
            text: """
                ## Background:
                Private repository names were logged.

                ## Looking Forward
                #### Immediate Reaction:
                - Purge all logs; Completed as of 2021-10-29.
                #### Engineering Processes:
                - Review what extensions log
                ## Frequently Asked Questions (FAQ)
                - Was any code leaked?
                """,
            actions: ["Purge all logs", "Review what extensions log"], done: [true, false]),
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
        let shape = try #require(Self.shapes.first { $0.description.hasPrefix("no headings") })
        let report = try OutageReportParser().parse(shape.text, file: "shape.md")
        #expect(report.title == "Login outage on 3 February")
    }

    /// A rule below the list ends it: "***" is no description of the last action.
    @Test func aRuleAfterTheListIsNotTheLastActionsDescription() throws {
        let text = "# T\n\n## Action Items\n* Do A\n* Do B\n\n***\n\nThanks to everyone who helped.\n"
        let report = try OutageReportParser().parse(text, file: "t.md")
        #expect(report.actions.map { $0.title ?? "" } == ["Do A", "Do B"])
        #expect(report.actions.last?.description == "")
    }

    /// "On Monday 3. February" is not the end of a sentence.
    @Test func aDescriptionIsNotCutAtANumberWithAFullStop() throws {
        let text = "# T\n\n## Summary\nOn Monday 3. February the API failed. It came back.\n"
        #expect(
            try OutageReportParser().parse(text, file: "t.md").description == "On Monday 3. February the API failed.")
    }
}
