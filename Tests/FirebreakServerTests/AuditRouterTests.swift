import FirebreakCore
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import Testing

/// The history of an action over the API names the token that acted and, when a manager acted for
/// an engineer, that engineer.
@Suite("Audit over the API")
struct AuditRouterTests {
    @Test func historyNamesTheTokenAndTheEngineerActedFor() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let forBen = try await client.send(
                    .post, "/v1/actions/ACT-2/claim", token: tokens.manager, json: #"{"engineer": "ben"}"#)
                #expect(forBen.status == .ok)
                #expect(try await client.send(.post, "/v1/actions/ACT-2/release", token: tokens.manager).status == .ok)
                #expect(try await client.send(.post, "/v1/actions/ACT-2/claim", token: tokens.amara).status == .ok)
                #expect(try await client.send(.post, "/v1/actions/ACT-2/done", token: tokens.amara).status == .ok)
                let history = try await client.send(.get, "/v1/actions/ACT-2/history", token: tokens.viewer)
                #expect(history.status == .ok)
                let entries = history.array.suffix(4).map {
                    [$0["actor"] as? String, $0["onBehalfOf"] as? String, $0["verb"] as? String]
                }
                #expect(
                    entries == [
                        ["api:manager", "ben", "claim"], ["api:manager", "ben", "release"],
                        ["api:amara", nil, "claim"],
                        ["api:amara", nil, "done"],
                    ])
                // No onBehalfOf key when no one was acted for: the document leaves absent values out.
                #expect(history.array.last?.keys.contains("onBehalfOf") == false)
            }
        }
    }
}
