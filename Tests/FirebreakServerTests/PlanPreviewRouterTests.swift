import FirebreakTesting
import Foundation
import HTTPTypes
import PostgresNIO
import Testing

/// `POST /v1/teams/{team}/plans/preview` (#15): the plan that would be stored, stored nowhere.
@Suite("Plan preview, in-process")
struct PlanPreviewRouterTests {
    @Test func aPreviewStoresNothingAndGivesEveryItemItsReason() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let count: PostgresQuery =
                    "SELECT ((SELECT count(*) FROM plans) + (SELECT count(*) FROM audit_entries))::int"
                let before = try await Fixtures.count(count, in: fresh.database)
                let body = #"{"asOf": "2026-11-28", "sprints": 3}"#
                let preview = try await client.send(
                    .post, "/v1/teams/CORE/plans/preview", token: tokens.manager, json: body)
                #expect(preview.status == .ok, "\(preview.text)")
                #expect(preview.object["number"] as? Int == 0)
                #expect(try await Fixtures.count(count, in: fresh.database) == before)
                let sprints = try #require(preview.object["sprints"] as? [[String: Any]])
                #expect(sprints.count == 3)
                let items = sprints.flatMap { ($0["items"] as? [[String: Any]]) ?? [] }
                #expect(!items.isEmpty && items.allSatisfy { $0["reason"] is String && $0["reasonText"] is String })
                let unplanned = try #require(preview.object["unplanned"] as? [[String: Any]])
                #expect(unplanned.allSatisfy { $0["reason"] is String && $0["reasonText"] is String })
                // The same inputs, stored: the same plan under the next number.
                let stored = try await client.send(.post, "/v1/teams/CORE/plans", token: tokens.manager, json: body)
                #expect(stored.status == .created)
                #expect((stored.object["sprints"] as? NSArray) == (preview.object["sprints"] as? NSArray))
                // A viewer may not, and a bad horizon is the create route's error.
                let viewer = try await client.send(
                    .post, "/v1/teams/CORE/plans/preview", token: tokens.viewer, json: body)
                #expect(viewer.status == .forbidden)
                let bad = try await client.send(
                    .post, "/v1/teams/CORE/plans/preview", token: tokens.manager, json: #"{"sprints": 0}"#)
                #expect(bad.status == .unprocessableContent && bad.isProblem)
            }
        }
    }
}
