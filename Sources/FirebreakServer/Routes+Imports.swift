import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird

/// The imports of several outage reports at once and of Jira exports, each with a dry run
/// (`dryRun=true`: all of it done, then rolled back), as `firebreak import` runs them.
extension RouteRegistry {
    mutating func addImports(_ backend: Backend) {
        let limit = backend.configuration.maxBodyBytes
        post("imports/reports", role: .manager) { request, context in
            let data = Data(try await JSONBody.read(request, limit: limit).readableBytesView)
            let body = try JSONBody.decode(ReportImportRequest.self, from: data, allowed: ReportImportRequest.keys)
            let reports = try Self.reports(body, data)
            let results = try await context.operations(backend).importReports(
                reports, team: try request.query("team"), dryRun: try request.flag("dryRun"))
            return try Reply.json(zip(reports, results).map { ReportImportResult(name: $0.name, $1) })
        }
        post("imports/jira", role: .manager) { request, context in
            try Self.expect(request, mediaType: "text/csv")
            let text = try await JSONBody.text(request, limit: limit)
            let source = try request.query("source") ?? "request"
            // An empty dateFormat is no format, as an empty source is no name.
            let dateFormat = try request.query("dateFormat").flatMap { $0.isEmpty ? nil : $0 }.map { pattern in
                do throws(JiraDateFormatError) {
                    return try JiraDateFormat(pattern)
                } catch {
                    throw Problem(
                        .invalid, status: .unprocessableContent, detail: error.description, field: "dateFormat")
                }
            }
            return try Reply.json(
                try await context.operations(backend).importJira(
                    ImportText(name: source, text: text), team: try request.query("team"), dateFormat: dateFormat,
                    dryRun: try request.flag("dryRun")))
        }
    }

    /// The reports of a body: one or more, each named (the name is its identity), each with no key
    /// but a report's (`data` is the body, which `JSONBody` checks the top level of).
    static func reports(_ body: ReportImportRequest, _ data: Data) throws -> [ImportText] {
        let objects = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["reports"] as? [[String: Any]]
        let known = ReportImportRequest.Report.keys
        for (index, object) in (objects ?? []).enumerated() {
            if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
                throw Problem(
                    .invalid, status: .unprocessableContent,
                    detail:
                        "unknown field reports[\(index)].\(unknown); known: \(known.sorted().joined(separator: ", "))",
                    field: "reports[\(index)].\(unknown)")
            }
        }
        guard !body.reports.isEmpty else {
            throw Problem(
                .invalid, status: .unprocessableContent, detail: "reports is empty: send one or more",
                field: "reports")
        }
        if let index = body.reports.firstIndex(where: { $0.name.isEmpty }) {
            throw Problem(
                .invalid, status: .unprocessableContent,
                detail: "reports[\(index)].name is empty: name each report (its file's path), which is its identity",
                field: "reports[\(index)].name")
        }
        return body.texts
    }
}
