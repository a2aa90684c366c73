import FirebreakTesting
import Foundation
import HTTPTypes
import Testing

/// `GET /v1/teams/{team}/next`, the backlog's `unclaimed` and `claimedBy`, and `reports/trend` (#15).
@Suite("Next work, backlog filters and the trend, in-process")
struct NextRouterTests {
    @Test func nextIsTheTokensEngineersUnlessAnotherIsNamed() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let mine = try await client.send(.get, "/v1/teams/CORE/next?asOf=2026-11-28", token: tokens.amara)
                #expect(mine.status == .ok, "\(mine.text)")
                #expect(mine.object["engineer"] as? String == "amara")
                let suggestions = try #require(mine.object["suggestions"] as? [[String: Any]])
                #expect(!suggestions.isEmpty)
                #expect(
                    suggestions.allSatisfy {
                        $0["claimCommand"] as? String == "firebreak claim \($0["key"] as? String ?? "?") --as amara"
                    })
                let ranks = suggestions.compactMap { $0["rank"] as? Int }
                #expect(ranks == ranks.sorted())
                // The suggestions are the current sprint's unclaimed items.
                let unclaimed = try await client.send(
                    .get, "/v1/teams/CORE/backlog?asOf=2026-11-28&unclaimed=true", token: tokens.viewer)
                #expect(unclaimed.status == .ok)
                let open = Set(unclaimed.array.compactMap { $0["key"] as? String })
                #expect(suggestions.allSatisfy { open.contains($0["key"] as? String ?? "") })
                #expect(unclaimed.array.allSatisfy { $0["claimedBy"] is NSNull })
                let bens = try await client.send(
                    .get, "/v1/teams/CORE/next?asOf=2026-11-28&engineer=ben", token: tokens.viewer)
                #expect(bens.status == .ok && bens.object["engineer"] as? String == "ben")
                let nobody = try await client.send(.get, "/v1/teams/CORE/next", token: tokens.viewer)
                #expect(nobody.status == .unprocessableContent && nobody.isProblem, "\(nobody.text)")
                let unknown = try await client.send(.get, "/v1/teams/CORE/next?engineer=zed", token: tokens.viewer)
                // A handle that names no engineer is the request's fault, as a body's unknown field is.
                #expect(unknown.status == .unprocessableContent && unknown.isProblem, "\(unknown.text)")
            }
        }
    }

    @Test func backlogClaimedByAndTheTrend() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let claim = try await client.send(.post, "/v1/actions/ACT-3/claim", token: tokens.ben)
                #expect(claim.status == .ok, "\(claim.text)")
                let bens = try await client.send(.get, "/v1/teams/CORE/backlog?claimedBy=ben", token: tokens.viewer)
                #expect(bens.array.map { $0["key"] as? String } == ["ACT-3"])
                let both = try await client.send(
                    .get, "/v1/teams/CORE/backlog?claimedBy=ben&unclaimed=true", token: tokens.viewer)
                #expect(both.status == .unprocessableContent && both.isProblem)
                let empty = try await client.send(
                    .get, "/v1/teams/CORE/backlog?claimedBy=&unclaimed=true", token: tokens.viewer)
                #expect(empty.status == .ok, "an empty claimedBy is none: \(empty.text)")
                let trend = try await client.send(
                    .get, "/v1/teams/CORE/reports/trend?asOf=2026-11-28", token: tokens.viewer)
                #expect(trend.status == .ok, "\(trend.text)")
                let months = try #require(trend.object["months"] as? [[String: Any]])
                #expect(months.last?["month"] as? String == "2026-11")
                #expect(months.reduce(0) { $0 + ($1["incidents"] as? Int ?? 0) } > 0)
            }
        }
    }
}
