import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import NIOCore

/// The exports through `firebreak serve`: they stream, so they go straight to the service's export
/// routes (over ``RemoteOperations``'s HTTP) rather than through a value-returning operation.
struct APIClient: Sendable {
    let remote: RemoteOperations

    /// Writes the server's export of the chosen plan to `output` (stdout when nil).
    func export(
        _ format: PlanExportFormat, choice: PlanChoice, query: [String: String?], to output: String?
    ) async throws {
        let team = try await choice.team.resolve(with: remote)
        let path = "/v1/teams/\(team)/plans/\(choice.plan)/export/\(format.rawValue)"
        try await OutputSink.writing(to: output) { sink in
            try await remote.stream(path, query: query) { sink.write(bytes: $0.readableBytesView) }
        }
    }
}
