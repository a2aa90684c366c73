import FirebreakCore
import FirebreakOperations
package import Foundation
import HTTPTypes
import Logging

/// The fields of a JSON request body, and the keys its object may have (any other is refused).
protocol RequestFields: Decodable, Sendable {
    static var keys: Set<String> { get }
}

extension ActionFields: RequestFields {}
extension RouteRegistry.ClaimFields: RequestFields {}
extension RouteRegistry.EngineerFields: RequestFields {}
extension EngineerChanges: RequestFields {
    /// The fields `PATCH /v1/engineers/{handle}` may change.
    static let keys: Set<String> = ["displayName", "email", "team", "capacity"]
}
extension IncidentFields: RequestFields {}
extension RouteRegistry.LinkFields: RequestFields {}
extension RouteRegistry.PlanFields: RequestFields {}
extension ReportImportRequest: RequestFields {}
extension RouteRegistry.TeamFields: RequestFields {}
extension RouteRegistry.TimeOffFields: RequestFields {}

/// Every JSON request body the API decodes, for what must hold of all of them: the JSON fuzz
/// target (`scripts/fuzz json`) and the tests.
package enum RequestBodies {
    static let all: [any RequestFields.Type] = [
        ActionFields.self, RouteRegistry.ClaimFields.self, EngineerChanges.self, RouteRegistry.EngineerFields.self,
        IncidentFields.self, RouteRegistry.LinkFields.self, RouteRegistry.PlanFields.self,
        ReportImportRequest.self,
        RouteRegistry.TeamFields.self, RouteRegistry.TimeOffFields.self,
    ]

    /// The answer to `data` as the body of each request, as the routes decode it: nil where it
    /// decodes, else the problem the caller would see.
    package static func problems(decoding data: Data) -> [(body: String, problem: Problem?)] {
        all.map { type in
            do {
                _ = try JSONBody.decode(type, from: data, allowed: type.keys)
                return ("\(type)", nil)
            } catch {
                return ("\(type)", Problem.from(error, logger: quiet))
            }
        }
    }

    /// The first request body that `data` would be answered for with a 5xx, described; nil when
    /// every body decodes or is refused with a 4xx, as a body a client sent must be.
    package static func serverError(decoding data: Data) -> String? {
        for (body, problem) in problems(decoding: data) {
            if let problem, problem.status.code >= 500 { return "\(body): \(problem.status.code) \(problem.detail)" }
        }
        return nil
    }

    /// Errors the mapping logs are expected here: the caller reports them.
    private static let quiet = Logger(label: "firebreak.request-bodies", factory: { _ in SwiftLogNoOpLogHandler() })
}
