import FirebreakCore
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing

/// An item's rank beside its explanation.
@Suite("The backlog by category, and an item's rank")
struct WebBacklogRouterTests {
    @Test func anItemsPageGivesItsRankInTheWholeBacklogBesideItsExplanation() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let ranked = try await BacklogStore(database: fresh.database).rank(team: "CORE", asOf: Date())
            let item = ranked[ranked.count / 2]
            let explanation = try #require(
                try await BacklogStore(database: fresh.database).explain(team: "CORE", item: item.key, asOf: Date())
                    .explanations.first)
            let done = ranked[0].key
            try await fresh.database.client.query("UPDATE actions SET status = 'done' WHERE key = \(done)")
            let viewer = try await WebRouterTests.session(tokens.viewer, fresh.database)
            try await ServerFixture.withRouter(fresh.database) { client in
                let page = try await WebRouterTests.send(client, .get, "/backlog/\(item.key)", as: viewer)
                #expect(page.status == .ok)
                // One fewer ranked item now that the first is done: the rank is read with the explanation.
                #expect(page.text.contains("<dt>Rank</dt><dd>#\(item.rank - 1) of \(ranked.count - 1)</dd>"))
                #expect(page.text.contains("= priority"))
                for term in explanation.terms { #expect(page.text.contains(term.incident), "\(term.incident)") }
                let unranked = try await WebRouterTests.send(client, .get, "/backlog/\(done)", as: viewer)
                #expect(unranked.status == .ok && unranked.text.contains("<dt>Rank</dt><dd>not ranked</dd>"))
                #expect(unranked.text.contains("only open and claimed items are ranked"))
            }
        }
    }
}
