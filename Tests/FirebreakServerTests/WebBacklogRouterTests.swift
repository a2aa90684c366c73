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

/// The backlog's category filter (API and web page) and an item's rank beside its explanation.
@Suite("The backlog by category, and an item's rank")
struct WebBacklogRouterTests {
    /// Gives the ranked actions categories: every third `monitoring`, every third `capacity`, the rest none.
    /// Answers the ranking as of `asOf` and each ranked key's category.
    static func categorise(
        _ db: Database, asOf: Date
    ) async throws -> (ranked: [RankedItem], categories: [String: String]) {
        let ranked = try await BacklogStore(database: db).rank(team: "CORE", asOf: asOf)
        var categories: [String: String] = [:]
        for (index, item) in ranked.enumerated() where index % 3 != 2 {
            categories[item.key] = index % 3 == 0 ? "monitoring" : "capacity"
        }
        for category in ["monitoring", "capacity"] {
            let keys = categories.filter { $0.value == category }.map(\.key)
            try await db.client.query("UPDATE actions SET category_key = \(category) WHERE key = ANY(\(keys))")
        }
        let uncategorised = ranked.map(\.key).filter { categories[$0] == nil }
        try await db.client.query("UPDATE actions SET category_key = NULL WHERE key = ANY(\(uncategorised))")
        return (ranked, categories)
    }

    /// The old page's rule: the category contains the text, ignoring case.
    static func expected(_ ranked: [RankedItem], _ categories: [String: String], _ text: String) -> [RankedItem] {
        ranked.filter { (categories[$0.key] ?? "").localizedCaseInsensitiveContains(text) }
    }

    @Test func theAPIFiltersByCategoryAndKeepsTheWholeBacklogsRanks() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let (ranked, categories) = try await Self.categorise(fresh.database, asOf: ServerFixture.asOf)
            let monitoring = Self.expected(ranked, categories, "MONI")
            #expect(monitoring.count > 1 && monitoring.count < ranked.count)
            try await ServerFixture.withRouter(fresh.database) { client in
                let path = "/v1/teams/CORE/backlog?asOf=2026-11-28"
                let kept = try await client.send(.get, path + "&category=MONI", token: tokens.viewer)
                #expect(kept.status == .ok)
                #expect(kept.array.map { $0["key"] as? String } == monitoring.map(\.key))
                #expect(kept.array.map { $0["rank"] as? Int } == monitoring.map(\.rank))
                #expect(monitoring.map(\.rank) != Array(1...monitoring.count), "ranks in the whole backlog")
                // A limit counts the kept items.
                let two = try await client.send(.get, path + "&category=cap&limit=2", token: tokens.viewer)
                #expect(
                    two.array.map { $0["key"] as? String }
                        == Self.expected(ranked, categories, "cap").prefix(2).map(\.key))
                let none = try await client.send(.get, path + "&category=deploy", token: tokens.viewer)
                #expect(none.status == .ok && none.array.isEmpty)
                let empty = try await client.send(.get, path + "&category=", token: tokens.viewer)
                #expect(empty.array.count == ranked.count, "an empty category is none")
                let both = try await client.send(.get, path + "&category=moni&unclaimed=true", token: tokens.viewer)
                #expect(both.status == .unprocessableContent && both.isProblem)
            }
        }
    }

    @Test func theWebBacklogFiltersByCategoryWithTheWholeBacklogsRanks() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let (ranked, categories) = try await Self.categorise(fresh.database, asOf: Date())
            let viewer = try await WebRouterTests.session(tokens.viewer, fresh.database)
            try await ServerFixture.withRouter(fresh.database) { client in
                for (query, text) in [
                    ("category=Moni", "Moni"), ("category=capacity&kind=detect&sort=key", "capacity"),
                ] {
                    let page = try await WebRouterTests.send(client, .get, "/backlog?team=CORE&\(query)", as: viewer)
                    #expect(page.status == .ok)
                    var shown = Self.expected(ranked, categories, text)
                    if query.contains("kind=detect") {
                        shown = shown.filter { $0.kind == .detect }.sorted { ItemKey.naturalLess($0.key, $1.key) }
                    }
                    #expect(!shown.isEmpty, "\(query)")
                    #expect(
                        page.text.contains("\(shown.count) of \(ranked.count) ranked items, as of now."), "\(query)")
                    let rows = shown.map {
                        "<tr><td class=\"num\">\($0.rank)</td><td><a href=\"/backlog/\($0.key)?team=CORE\">\($0.key)</a>"
                    }
                    let offsets = rows.map { page.text.range(of: $0)?.lowerBound }
                    #expect(
                        !offsets.contains(nil) && offsets == offsets.sorted { $0! < $1! }, "\(query): rows in order")
                    for item in ranked where !shown.contains(where: { $0.key == item.key }) {
                        #expect(!page.text.contains("href=\"/backlog/\(item.key)?team=CORE\""), "\(query): \(item.key)")
                    }
                    #expect(page.text.contains("value=\"\(text)\""), "\(query): the box keeps the text")
                }
            }
        }
    }

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
