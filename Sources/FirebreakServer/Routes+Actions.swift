import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// Actions, their links to incidents, their history, and claims.
extension RouteRegistry {
    struct LinkFields: Decodable, Sendable {
        var coverage: Double?
        static let keys: Set<String> = ["coverage"]
    }

    struct ClaimFields: Decodable, Sendable {
        var engineer: String?
        static let keys: Set<String> = ["engineer"]
    }

    mutating func addActions(_ backend: Backend) {
        let limit = backend.configuration.maxBodyBytes
        get("actions", role: .viewer) { request, context in
            let team = try request.query("team")
            let statuses = try (request.query("status")?.split(separator: ",") ?? []).map { name in
                guard let status = ActionStatus(rawValue: String(name)) else {
                    throw Problem(
                        .invalid, status: .badRequest, detail: "status \(name) is not open, claimed, done or wontfix",
                        field: "status")
                }
                return status
            }
            return try Reply.json(try await context.operations(backend).actions(team: team, statuses: statuses))
        }
        post("actions", role: .manager) { request, context in
            let fields = try await JSONBody.decode(
                ActionFields.self, from: request, limit: limit, allowed: ActionFields.keys)
            let added = try await context.operations(backend).addAction(fields)
            return try Reply.json(
                added.value, status: .created, version: added.version, location: "/v1/actions/\(added.value.key)")
        }
        get("actions/{key}", role: .viewer) { _, context in
            let action = try await context.operations(backend).action(try context.parameter("key"))
            return try Reply.json(action.value, version: action.version)
        }
        patch("actions/{key}", role: .manager) { request, context in
            let key = try context.parameter("key")
            let expected = try ETag.required(request)
            let fields = try await JSONBody.decode(
                ActionFields.self, from: request, limit: limit, allowed: ActionFields.keys)
            let changed = try await context.operations(backend).setAction(key, fields, expectedVersion: expected)
            return try Reply.json(changed.value, version: changed.version)
        }
        put("actions/{key}/incidents/{incident}", role: .manager) { request, context in
            let (key, incident) = (try context.parameter("key"), try context.parameter("incident"))
            let f = try await JSONBody.decode(LinkFields.self, from: request, limit: limit, allowed: LinkFields.keys)
            return try Reply.json(try await context.operations(backend).link(key, to: incident, coverage: f.coverage))
        }
        delete("actions/{key}/incidents/{incident}", role: .manager) { _, context in
            let (key, incident) = (try context.parameter("key"), try context.parameter("incident"))
            try await context.operations(backend).unlink(key, from: incident)
            return Reply.noContent()
        }
        get("actions/{key}/history", role: .viewer) { _, context in
            try Reply.json(try await context.operations(backend).actionHistory(try context.parameter("key")))
        }
        addClaims(backend)
    }

    mutating func addClaims(_ backend: Backend) {
        let limit = backend.configuration.maxBodyBytes
        let claims = ClaimMetrics()
        post("actions/{key}/claim", role: .engineer) { request, context in
            let key = try context.parameter("key")
            let named = try await Self.namedEngineer(request, limit: limit)
            do {
                let claimed = try await context.operations(backend).claim(key, engineer: named)
                claims.record(nil)
                return try Reply.json(claimed)
            } catch {
                claims.record(error)
                throw error
            }
        }
        post("actions/{key}/release", role: .engineer) { request, context in
            let (key, named) = (try context.parameter("key"), try await Self.namedEngineer(request, limit: limit))
            return try Reply.json(try await context.operations(backend).release(key, engineer: named))
        }
        post("actions/{key}/done", role: .engineer) { request, context in
            let (key, named) = (try context.parameter("key"), try await Self.namedEngineer(request, limit: limit))
            return try Reply.json(try await context.operations(backend).done(key, engineer: named))
        }
    }

    /// The engineer a claim's body names, if it has a body: `{"engineer": "HANDLE"}`.
    static func namedEngineer(_ request: Request, limit: Int) async throws -> String? {
        guard request.headers[.contentLength].flatMap(Int.init) ?? 0 > 0 || request.headers[.transferEncoding] != nil
        else { return nil }
        return try await JSONBody.decode(ClaimFields.self, from: request, limit: limit, allowed: ClaimFields.keys)
            .engineer
    }
}
