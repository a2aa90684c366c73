import FirebreakCore
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A stored plan streamed as a file (Jira CSV, Markdown, HTML, iCalendar or JSON) by the exporters
/// the CLI uses: the API's `GET …/plans/{plan}/export/{format}` and the web app's downloads.
enum PlanDownload {
    /// The plan (`number`, or the latest when nil) as an attachment named `TEAM-plan-N.EXT`.
    /// The plan is resolved before the stream starts, so that a missing one is a 404 and not a
    /// broken stream; the text goes out in pieces of about 64 KiB.
    static func response(
        _ format: PlanExportFormat, team: String, number: Int?, jira: JiraCSVOptions, backend: Backend
    ) async throws -> Response {
        let resolved = try await backend.run {
            try await ExportStore(database: $0).planNumber(team: team, number: number)
        }
        let database = backend.database
        let headers: HTTPFields = [
            .contentType: format.mediaType,
            .contentDisposition: "attachment; filename=\"\(team)-plan-\(resolved).\(format.fileExtension)\"",
        ]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                var out = ChunkedText()
                try await PlanExporter(database: database).write(
                    format, team: team, plan: resolved, jira: jira, to: &out
                ) { out in
                    if out.pending.utf8.count >= 1 << 16 { try await writer.write(out.take()) }
                }
                if !out.pending.isEmpty { try await writer.write(out.take()) }
                try await writer.finish(nil)
            })
    }
}
