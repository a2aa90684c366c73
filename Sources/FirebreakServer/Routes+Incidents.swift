import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// Incidents (outage reports) and imports.
extension RouteRegistry {
    /// Imports the Markdown body of `request`; with `dryRun`, does it all and rolls it back.
    static func importReport(
        _ request: Request, _ context: FirebreakRequestContext, backend: Backend, dryRun: Bool
    ) async throws -> ReportImportView {
        try expect(request, mediaType: "text/markdown")
        let text = try await JSONBody.text(request, limit: backend.configuration.maxBodyBytes)
        return try await context.operations(backend).importReport(
            text, source: try request.query("source"), team: try request.query("team"), dryRun: dryRun)
    }

    mutating func addIncidents(_ backend: Backend) {
        let limit = backend.configuration.maxBodyBytes
        get("incidents", role: .viewer) { request, context in
            try Reply.json(try await context.operations(backend).incidents(team: try request.query("team")))
        }
        post("incidents", role: .manager) { request, context in
            let view = try await Self.importReport(request, context, backend: backend, dryRun: false)
            return try Reply.json(
                view, status: view.created ? .created : .ok, location: "/v1/incidents/\(view.incident)")
        }
        post("incidents/preview", role: .manager) { request, context in
            try Reply.json(try await Self.importReport(request, context, backend: backend, dryRun: true))
        }
        get("incidents/{key}", role: .viewer) { _, context in
            let incident = try await context.operations(backend).incident(try context.parameter("key"))
            return try Reply.json(incident.value, version: incident.version)
        }
        patch("incidents/{key}", role: .manager) { request, context in
            let key = try context.parameter("key")
            let expected = try ETag.required(request)
            let fields = try await JSONBody.decode(
                IncidentFields.self, from: request, limit: limit, allowed: IncidentFields.keys)
            let incident = try await context.operations(backend).setIncident(key, fields, expectedVersion: expected)
            return try Reply.json(incident.value, version: incident.version)
        }
        get("incidents/{key}/report", role: .viewer) { _, context in
            let markdown = try await context.operations(backend).incidentMarkdown(try context.parameter("key"))
            return Reply.text(markdown, mediaType: "text/markdown; charset=utf-8")
        }
    }

    /// Refuses a body of another media type with 415.
    static func expect(_ request: Request, mediaType: String) throws {
        let given = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
        guard given?.lowercased() == mediaType else {
            throw Problem(
                .unsupportedMediaType, status: .unsupportedMediaType,
                detail: "send the body as \(mediaType) (got \(given ?? "none"))", field: "Content-Type")
        }
    }
}
