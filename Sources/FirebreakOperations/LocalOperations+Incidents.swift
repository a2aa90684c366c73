public import FirebreakCore
public import FirebreakStore
import Foundation

/// Incidents and the imports of reports and Jira exports.
extension LocalOperations {
    public func incidents(team: String?) async throws -> [Incident] {
        try await runner.run { try await IncidentStore(database: $0).list(team: team) }
    }

    public func incident(_ key: String) async throws -> Versioned<IncidentView> {
        try await runner.run { db in
            // The version first: a body newer than its tag can only make a later change fail (412),
            // never let it overwrite a change its sender did not see.
            let version = try await RowVersion.incident.current(key, in: db)
            return Versioned(IncidentView(key, try await IncidentStore(database: db).report(key)), version: version)
        }
    }

    public func incidentMarkdown(_ key: String) async throws -> String {
        OutageReportWriter.markdown(try await runner.run { try await IncidentStore(database: $0).report(key) })
    }

    public func importReport(
        _ text: String, source: String?, team: String?, dryRun: Bool
    ) async throws -> ReportImportView {
        try caller.require(.manager)
        let report = try OutageReportParser().parse(text, file: source ?? "request")
        let actor = caller.actor
        let outcome = try await runner.runLong {
            try await ReportImporter(database: $0).importReport(
                report, source: source, team: team, actor: actor, dryRun: dryRun)
        }
        return ReportImportView(outcome, dryRun: dryRun)
    }

    public func importReports(
        _ reports: [ImportText], team: String?, dryRun: Bool, progress: @escaping @Sendable (Int) -> Void
    ) async throws -> [Result<ReportImportView, ReportError>] {
        try caller.require(.manager)
        var results = [Result<ReportImportView, ReportError>?](repeating: nil, count: reports.count)
        var inputs: [ReportInput] = []
        var positions: [Int] = []
        for (index, file) in reports.enumerated() {
            do throws(ReportError) {
                let report = try OutageReportParser().parse(file.text, file: file.file)
                inputs.append(ReportInput(report: report, file: file.file, source: file.name))
                positions.append(index)
            } catch {
                results[index] = .failure(error)
            }
        }
        if !inputs.isEmpty {
            let (actor, all) = (caller.actor, inputs)
            let outcomes = try await runner.runLong {
                try await ReportImporter(database: $0).importReports(
                    all, team: team, actor: actor, dryRun: dryRun, progress: progress)
            }
            for (index, outcome) in zip(positions, outcomes) {
                results[index] = outcome.map { ReportImportView($0, dryRun: dryRun) }
            }
        }
        return results.map { $0! }
    }

    public func importJira(
        _ export: JiraExport, team: String?, dateFormat: JiraDateFormat?, dryRun: Bool,
        progress: @escaping @Sendable (JiraCSVFile.Position) -> Void
    ) async throws -> JiraImportView {
        try caller.require(.manager)
        let actor = caller.actor
        switch export {
        case .text(let file):
            let issues = try JiraCSVImport.read(file.text, file: file.file, dateFormat: dateFormat)
            let outcome = try await runner.runLong {
                try await JiraImporter(database: $0).importIssues(
                    issues, source: file.name, team: team, actor: actor, dryRun: dryRun)
            }
            return JiraImportView(outcome)
        case .file(let path, let name):
            // A piece at a time, so that memory stays that of a piece however large the export.
            let csv = JiraCSVFile(path: path, name: name, dateFormat: dateFormat)
            let outcome = try await runner.runLong {
                try await JiraImporter(database: $0).importFile(
                    csv, team: team, actor: actor, dryRun: dryRun, progress: progress)
            }
            return JiraImportView(outcome)
        }
    }
}
