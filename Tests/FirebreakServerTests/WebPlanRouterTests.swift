import FirebreakCore
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import Hummingbird
import PostgresNIO
import Testing

/// The plan pages of the web app: "New plan" previews and stores on confirm, the diff, the downloads.
@Suite("The web app's plan pages, in-process")
struct WebPlanRouterTests {
    typealias Web = WebRouterTests.Web

    static func planCount(_ db: Database) async throws -> Int {
        try await Fixtures.count("SELECT count(*)::int FROM plans", in: db)
    }

    /// The value of the hidden field `name` of a page's form.
    static func hidden(_ name: String, in text: String) -> String? {
        guard let range = text.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func newPlanShowsAPreviewAndStoresItOnConfirm() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let manager = try await WebRouterTests.session(tokens.of(.manager), fresh.database)
            let amara = try await WebRouterTests.session(tokens.amara, fresh.database)
            let before = try await Self.planCount(fresh.database)
            try await ServerFixture.withRouter(fresh.database) { client in
                let preview = try await WebRouterTests.send(client, .get, "/plan/new?team=CORE&sprints=3", as: manager)
                #expect(preview.status == .ok && preview.isHTML)
                #expect(preview.text.contains("Store this plan") && preview.text.contains("Nothing is stored"))
                #expect(try await Self.planCount(fresh.database) == before, "a preview stores nothing")
                let asOf = try #require(Self.hidden("asOf", in: preview.text))
                let refused = try await WebRouterTests.send(client, .get, "/plan/new?team=CORE", as: amara)
                #expect(refused.status == .forbidden && refused.isHTML)
                let fields = ["team": "CORE", "sprints": "3", "asOf": asOf]
                let forged = try await WebRouterTests.send(
                    client, .post, "/plan/new", as: manager, form: manager.form(fields, csrf: amara.csrf))
                #expect(forged.status == .forbidden && forged.isHTML)
                #expect(try await Self.planCount(fresh.database) == before, "without the CSRF token, nothing")
                let stored = try await WebRouterTests.send(
                    client, .post, "/plan/new", as: manager, form: manager.form(fields))
                #expect(stored.status == .seeOther)
                let plan = try await PlanStore(database: fresh.database).get(team: "CORE", number: nil)
                #expect(stored.headers[.location] == "/plan?team=CORE&plan=\(plan.number)")
                #expect(try await Self.planCount(fresh.database) == before + 1)
                // The stored plan is the one the preview showed: the same sprints with the same items.
                #expect(plan.sprints.count == 3)
                for sprint in plan.sprints {
                    #expect(preview.text.contains("<h2>\(sprint.name)</h2>"))
                    for item in sprint.items { #expect(preview.text.contains("href=\"/backlog/\(item.key)\"")) }
                }
                let shown = try await WebRouterTests.send(client, .get, stored.headers[.location]!, as: manager)
                #expect(shown.status == .ok && shown.text.contains("plan \(plan.number)</span>"))
                let tooMany = try await WebRouterTests.send(client, .get, "/plan/new?team=CORE&sprints=99", as: manager)
                #expect(tooMany.status == .unprocessableContent && tooMany.isHTML)
                #expect(
                    tooMany.text.contains("id=\"n-sprints-error\"") && tooMany.text.contains("sprints must be 1 to 52"))
                #expect(!tooMany.text.contains("Store this plan"))
            }
        }
    }

    @Test func theDiffBetweenTwoPlansAndEachDownload() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let viewer = try await WebRouterTests.session(tokens.viewer, fresh.database)
            let first = try await PlanStore(database: fresh.database).get(team: "CORE", number: nil)
            _ = try await PlanStore(database: fresh.database).generate(
                team: "CORE", asOf: Date(), horizon: 4, actor: "test")
            try await ServerFixture.withRouter(fresh.database) { client in
                let second = first.number + 1
                let diff = try await WebRouterTests.send(
                    client, .get, "/plan/diff?team=CORE&from=\(first.number)&to=\(second)", as: viewer)
                #expect(diff.status == .ok && diff.isHTML)
                #expect(diff.text.contains("Plan \(first.number) against plan \(second)"))
                #expect(diff.text.contains("<td>\(first.sprints[0].name)</td>"))
                let board = try await WebRouterTests.send(client, .get, "/plan?team=CORE", as: viewer)
                #expect(board.text.contains("action=\"/plan/diff\""))
                #expect(!board.text.contains("New plan"), "a viewer is not offered New plan")
                let types: [String: String] = [
                    "jira-csv": "text/csv", "markdown": "text/markdown", "html": "text/html", "ics": "text/calendar",
                    "json": "application/json",
                ]
                for (format, type) in types {
                    #expect(board.text.contains("plan=\(second)&amp;format=\(format)"), "\(format)")
                    let file = try await WebRouterTests.send(
                        client, .get, "/plan/download?team=CORE&plan=\(first.number)&format=\(format)", as: viewer)
                    #expect(file.status == .ok, "\(format)")
                    #expect(file.headers[.contentType]?.hasPrefix(type) == true, "\(format)")
                    #expect(
                        file.headers[.contentDisposition]
                            == "attachment; filename=\"CORE-plan-\(first.number).\(format == "jira-csv" ? "csv" : format == "markdown" ? "md" : format)\"",
                        "\(format)")
                    #expect(!file.text.isEmpty, "\(format)")
                }
                let markdown = try await WebRouterTests.send(
                    client, .get, "/plan/download?team=CORE&plan=\(first.number)&format=markdown", as: viewer)
                #expect(markdown.text.contains(first.sprints[0].name))
                let unknown = try await WebRouterTests.send(
                    client, .get, "/plan/download?team=CORE&format=pdf", as: viewer)
                #expect(unknown.status == .notFound && unknown.isHTML)
                let missing = try await WebRouterTests.send(
                    client, .get, "/plan/download?team=CORE&plan=999&format=json", as: viewer)
                #expect(missing.status == .notFound && missing.isHTML)
            }
        }
    }
}
