import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// Teams that are archived or deleted, engineers who change or leave, and an incident's history: the
/// lifecycle operations a manager runs with `firebreak team|engineer ...`, each audited as the token.
extension RouteRegistry {
    mutating func addLifecycle(_ backend: Backend) {
        let limit = backend.configuration.maxBodyBytes
        post("teams/{team}/archive", role: .manager) { _, context in
            try await context.operations(backend).archiveTeam(try context.parameter("team"))
            return Reply.noContent()
        }
        post("teams/{team}/unarchive", role: .manager) { _, context in
            try await context.operations(backend).unarchiveTeam(try context.parameter("team"))
            return Reply.noContent()
        }
        delete("teams/{team}", role: .manager) { _, context in
            try Reply.json(try await context.operations(backend).deleteTeam(try context.parameter("team")))
        }
        patch("engineers/{handle}", role: .manager) { request, context in
            let handle = try context.parameter("handle")
            let changes = try await JSONBody.decode(
                EngineerChanges.self, from: request, limit: limit, allowed: EngineerChanges.keys)
            return try Reply.json(
                try await Self.inPath { try await context.operations(backend).setEngineer(handle, changes) })
        }
        post("engineers/{handle}/deactivate", role: .manager) { _, context in
            let handle = try context.parameter("handle")
            return try Reply.json(
                try await Self.inPath { try await context.operations(backend).deactivateEngineer(handle) })
        }
        get("incidents/{key}/history", role: .viewer) { _, context in
            try Reply.json(try await context.operations(backend).incidentHistory(try context.parameter("key")))
        }
    }

    /// Runs `body`, answering an engineer it does not find with 404: the store names the `handle` field
    /// (a 422 when a body names an engineer), but here the handle is the URI's.
    static func inPath<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError where error.kind == .notFound && error.field == "handle" {
            throw StoreError.notFound(error.message)
        }
    }
}
