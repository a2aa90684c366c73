import FirebreakTesting
import Foundation
import HTTPTypes
import Testing

/// `GET /v1/time-off`: the days off `POST /v1/engineers/{handle}/time-off` recorded, read through the
/// operations as the web app's settings page reads them.
@Suite("Time off over the API")
struct TimeOffRouterTests {
    @Test func daysOffRecordedAreListedForTheTeamAndForEveryTeam() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let added = try await client.send(
                    .post, "/v1/engineers/amara/time-off", token: tokens.manager,
                    json: #"{"from": "2027-02-01", "to": "2027-02-05"}"#)
                #expect(added.status == .created, "\(added.text)")
                for query in ["?team=CORE", ""] {
                    let listed = try await client.send(.get, "/v1/time-off" + query, token: tokens.viewer)
                    #expect(listed.status == .ok, "\(listed.text)")
                    let amara = listed.array.filter { $0["handle"] as? String == "amara" }
                    #expect(
                        amara.contains { $0["from"] as? String == "2027-02-01" && $0["to"] as? String == "2027-02-05" })
                }
                let refused = try await client.send(.get, "/v1/time-off")
                #expect(refused.status == .unauthorized)
            }
        }
    }
}
