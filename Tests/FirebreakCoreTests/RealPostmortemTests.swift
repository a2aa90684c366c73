import FirebreakCore
import Foundation
import Testing

/// The published post-mortems of `../shared/data/postmortems/`, with hand-counted expectations.
@Suite("Real post-mortems")
struct RealPostmortemTests {
    struct Expectation: Sendable, CustomStringConvertible {
        var file: String
        var key: String?
        var title: String
        var actions: Int
        var completed: Int = 0
        var started: String?
        var minutes: Int?
        var description: String { file }
    }

    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/postmortems")

    static let expectations = [
        Expectation(
            file: "dfds-PM2019-009-ip-starvation.md", key: "PM2019-009",
            title: "Kubernetes network infrastructure IP starvation", actions: 4, started: "2019-11-29T11:00:00Z"),
        Expectation(
            file: "dfds-PM2021-006-503s.md", key: "PM2021-006", title: "All services returning 503 in Kubernetes",
            actions: 3, started: "2021-06-30T08:32:00Z", minutes: 5),
        Expectation(
            file: "posthog-2025-09-29-flags-is-down.md",
            title: "PostHog Feature Flags Service Outage - September 29, 2025",
            actions: 9, completed: 2, started: "2025-09-29T16:58:00Z", minutes: 108),
        Expectation(file: "dastergon-template-michael-kehoe.md", title: "Postmortem Template", actions: 0),
        Expectation(file: "pagerduty-postmortem-template.md", title: "Pagerduty postmortem template", actions: 0),
    ]

    static let present = FileManager.default.fileExists(atPath: folder.path)

    @Test(.enabled(if: present, "../shared/data/postmortems is not beside the repository"), arguments: expectations)
    func readsTitleActionsAndStatedFacts(_ e: Expectation) throws {
        let url = Self.folder.appendingPathComponent(e.file)
        let report = try OutageReportParser().parse(String(contentsOf: url, encoding: .utf8), file: e.file)
        #expect(report.key == e.key)
        #expect(report.title == e.title)
        #expect(report.actions.count == e.actions)
        #expect(report.actions.filter(\.completed).count == e.completed)
        #expect(report.actions.allSatisfy { $0.title != nil && !$0.title!.isEmpty })
        #expect(report.startedAt.map(ISO8601Format.string) == e.started)
        #expect(report.outageMinutes == e.minutes)
        #expect(report.status == .draft)
        #expect(report.severity == nil && report.tickets == nil)
    }

    @Test(.enabled(if: present)) func bulletTitlesAndExplanationsAreSplit() throws {
        let url = Self.folder.appendingPathComponent("dfds-PM2019-009-ip-starvation.md")
        let report = try OutageReportParser().parse(
            String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
        #expect(report.actions.first?.title == "Make sure all deployed resources have a plan for monitoring / scaling")
        #expect(report.actions.first?.description.hasPrefix("This is a work in progress") == true)
    }
}
