import FirebreakServer
import FirebreakTesting
import Foundation
import HTTPTypes
import Testing

/// The forms of `Authorization: Bearer TOKEN` the service takes: the scheme in any case, the token
/// with HTTP's optional whitespace (spaces, tabs) around it; anything else is 401.
@Suite("Authorization header")
struct AuthHeaderTests {
    /// `%` stands for a good viewer token.
    static let cases: [(header: String, status: HTTPResponse.Status)] = [
        ("Bearer %", .ok), ("bearer %", .ok), ("BEARER %", .ok), ("bEaReR %", .ok),
        ("Bearer   %", .ok), ("Bearer \t%\t ", .ok),
        ("Bearer", .unauthorized), ("Bearer ", .unauthorized), ("Bearer  \t ", .unauthorized),
        ("Basic %", .unauthorized), ("Bearer_%", .unauthorized), ("Bearer%", .unauthorized),
        ("Bearer %x", .unauthorized), ("Bearer x%", .unauthorized), ("Bearer % %", .unauthorized),
        ("Bearer \u{A0}%", .unauthorized),
    ]

    @Test func eachFormAnswersAsExpected() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                for (header, status) in Self.cases {
                    let value = header.replacingOccurrences(of: "%", with: tokens.viewer)
                    let answer = try await client.send(.get, "/v1/teams", headers: [.authorization: value])
                    #expect(answer.status == status, "\(header.debugDescription)")
                    if status == .unauthorized { #expect(answer.isProblem) }
                }
            }
        }
    }
}
