import FirebreakCore
import FirebreakOperations
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import Hummingbird
import PostgresNIO
import Testing

/// The manager's overview: the trend and Pareto charts from the HTML report's code, the lint gaps
/// with their links, the current sprint; the landing page for managers.
@Suite("The web app's overview, in-process")
struct WebOverviewRouterTests {
    @Test func theOverviewShowsTheChartsTheGapsAndTheCurrentSprint() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let manager = try await WebRouterTests.session(tokens.of(.manager), fresh.database)
            let viewer = try await WebRouterTests.session(tokens.viewer, fresh.database)
            let amara = try await WebRouterTests.session(tokens.amara, fresh.database)
            let snapshot = try await BacklogStore(database: fresh.database).snapshot(team: "CORE")
            let categories = OutageCostReport.categories(
                snapshot.incidents, weights: snapshot.team.weights, asOf: Date())
            try await ServerFixture.withRouter(fresh.database) { client in
                let lint = try await client.send(.get, "/v1/teams/CORE/lint", token: tokens.viewer)
                let findings = lint.array.map { ($0["code"] as? String ?? "", $0["key"] as? String ?? "") }
                let landing = try await WebRouterTests.send(client, .get, "/", as: manager)
                #expect(landing.status == .seeOther && landing.headers[.location] == "/overview")
                let page = try await WebRouterTests.send(client, .get, "/overview?team=CORE", as: manager)
                #expect(page.status == .ok && page.isHTML)
                for id in ["chart-month-cost", "chart-month-minutes", "chart-month-tickets", "chart-categories"] {
                    #expect(page.text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\""), "\(id)")
                }
                // The Pareto is the HTML report's, from its code.
                #expect(page.text.contains(HTMLReport.categoryChartSVG(categories)))
                // Charts before tables: the first chart comes before the current sprint and the gaps.
                let chart = try #require(page.text.range(of: "<svg")).lowerBound
                #expect(chart < (try #require(page.text.range(of: "Current sprint")).lowerBound))
                #expect(!findings.isEmpty)
                for (code, key) in findings {
                    #expect(page.text.contains("<code>\(code)</code> \(key):"), "\(key)")
                }
                let incidentGap = try #require(findings.first { $0.1.hasPrefix("INC-") })
                #expect(page.text.contains("href=\"/incidents/\(incidentGap.1)\""))
                #expect(page.text.contains("<dt>Claimed</dt>") && page.text.contains("<dt>Done</dt>"))
                #expect(page.text.contains("href=\"/overview\" aria-current=\"page\""))
                for (who, web) in [("viewer", viewer), ("engineer", amara)] {
                    let refused = try await WebRouterTests.send(client, .get, "/overview", as: web)
                    #expect(refused.status == .forbidden && refused.isHTML, "\(who)")
                    #expect(!refused.text.contains("href=\"/overview\""), "\(who) is not offered the overview")
                }
            }
        }
    }
}
