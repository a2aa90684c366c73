public import FirebreakCore
public import FirebreakStore
import Foundation
import NIOHTTP1

/// The imports of several reports and of Jira exports through the service: a file on disk is read here
/// and sent whole as text (within the service's body limit), so no progress is heard.
extension RemoteOperations {
    /// `POST /v1/imports/reports`: the reports in one request, ordered and each all or nothing there.
    public func importReports(
        _ reports: [ImportText], team: String?, dryRun: Bool, progress: @escaping @Sendable (Int) -> Void
    ) async throws -> [Result<ReportImportView, ReportError>] {
        let body = try PlanJSON.encoder.encode(ReportImportRequest(reports))
        let answer: Answer
        do {
            answer = try await send(
                .POST, "/v1/imports/reports", query: ["team": team, "dryRun": dryRun ? "true" : nil], body: body)
        } catch let error as StoreError where error.kind == .invalid && error.message.hasPrefix("the body is over") {
            // One request holds the whole import (its order and its dry run need all of it at once).
            throw StoreError.invalid(
                "\(reports.count) reports are more than the service takes in one request (\(error.message)); "
                    + "import them a folder at a time")
        }
        let results = try Self.decode([ReportImportResult].self, answer.buffer)
        guard results.count == reports.count else {
            throw StoreError.unavailable(
                "the server answered for \(results.count) of \(reports.count) reports; is it another version?")
        }
        return results.map(\.result)
    }

    /// `POST /v1/imports/jira`: a refused row is the same `FILE:LINE: reason` as on the database.
    public func importJira(
        _ export: JiraExport, team: String?, dateFormat: JiraDateFormat?, dryRun: Bool,
        progress: @escaping @Sendable (JiraCSVFile.Position) -> Void
    ) async throws -> JiraImportView {
        let text: String
        switch export {
        case .text(let file): text = file.text
        case .file(let path, let name):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ReportError(file: name, line: 1, reason: "cannot read the file")
            }
            text = try ImportText(name: name, contents: data).text
        }
        do {
            let body = try await send(
                .POST, "/v1/imports/jira",
                query: [
                    "source": export.name, "team": team, "dateFormat": dateFormat?.pattern,
                    "dryRun": dryRun ? "true" : nil,
                ],
                body: Data(text.utf8), contentType: "text/csv")
            return try Self.decode(JiraImportView.self, body.buffer)
        } catch let error as StoreError where error.kind == .invalid && error.message.hasPrefix("the body is over") {
            throw ReportError(
                file: export.name, line: 1,
                reason: "the file is more than the service takes in one request (\(error.message))")
        } catch let error as StoreError where error.kind == .invalid {
            throw ReportError(answered: error.message, file: export.name) ?? error
        }
    }
}
