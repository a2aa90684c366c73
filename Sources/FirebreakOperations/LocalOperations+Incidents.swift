public import FirebreakCore
public import FirebreakStore
import Foundation

/// Incidents and the import of one report.
extension LocalOperations {
    public func incidents(team: String?) async throws -> [IncidentSummary] {
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
}
