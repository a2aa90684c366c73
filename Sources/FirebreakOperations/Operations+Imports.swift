public import FirebreakCore
public import FirebreakStore

/// The imports without a progress line: the API's routes and the web app, which answer once at the end.
extension Operations {
    public func importReports(
        _ reports: [ImportText], team: String?, dryRun: Bool
    ) async throws -> [Result<ReportImportView, ReportError>] {
        try await importReports(reports, team: team, dryRun: dryRun, progress: { _ in })
    }

    public func importJira(
        _ file: ImportText, team: String?, dateFormat: JiraDateFormat?, dryRun: Bool
    ) async throws -> JiraImportView {
        try await importJira(.text(file), team: team, dateFormat: dateFormat, dryRun: dryRun, progress: { _ in })
    }
}
