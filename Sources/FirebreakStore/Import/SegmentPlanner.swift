import FirebreakCore
import Foundation
import Logging
import PostgresNIO

/// What an import's transaction knows of the database before its reports: the teams (with their
/// severity aliases) and the categories. Imports do not change either.
struct ImportContext {
    struct TeamRow {
        var id: Int
        var key: String
        var aliasJSON: String
    }

    var teams: [String: TeamRow] = [:]
    var byID: [Int: TeamRow] = [:]
    var categories: Set<String> = []

    static func load(on connection: PostgresConnection, logger: Logger) async throws -> ImportContext {
        var context = ImportContext()
        let teams = try await connection.query(
            "SELECT id, key, severity_aliases::text FROM teams ORDER BY id", logger: logger)
        for try await (id, key, json) in teams.decode((Int, String, String).self) {
            let row = TeamRow(id: id, key: key, aliasJSON: json)
            context.teams[key] = row
            context.byID[id] = row
        }
        let categories = try await connection.query("SELECT key FROM categories", logger: logger)
        for try await key in categories.decode(String.self) { context.categories.insert(key) }
        return context
    }

    /// The team a report goes to: the one it names, else `defaultTeam`, else the only team; nil
    /// when there is none such (the report-by-report path says why).
    func team(named key: String?) -> TeamRow? {
        if let key { return teams[key] }
        return byID.count == 1 ? byID.values.first : nil
    }
}

/// Plans a `ReportSegment`: the longest run of `candidates`, from the first, that can be imported
/// together (see `ReportSegment`).
struct SegmentPlanner {
    let connection: PostgresConnection
    let logger: Logger
    let context: ImportContext
    let defaultTeam: String?

    /// Why a plan ends before the last candidate.
    enum Stop: Equatable {
        /// Every candidate is in it.
        case none
        /// The next report depends on what this segment writes: it starts the next segment.
        case conflict
        /// The next report must be imported alone, on the report-by-report path.
        case alone
    }

    /// A candidate, ready to plan: its team known and its severity read through the team's aliases.
    struct Prepared {
        var index: Int
        var input: ReportInput
        var report: OutageReport
        var team: ImportContext.TeamRow
    }

    /// An incident found for a report before the segment: by key, by source, by title and start.
    struct Found {
        var byKey: (id: Int, key: String)?
        var bySource: (id: Int, key: String)?
        var byTitle: (id: Int, key: String)?
    }

    /// A team and a value of an incident (a file, a start), for what a segment has touched.
    struct TeamValue<Value: Hashable>: Hashable {
        var team: Int
        var value: Value
    }

    /// Whether the report-by-report path must import `report` (what the plan does not decide).
    static func needsReportPath(_ report: OutageReport) -> Bool {
        report.actions.contains { !$0.dependsOn.isEmpty }
    }

    func plan(_ candidates: [(index: Int, input: ReportInput)]) async throws -> (ReportSegment, Stop) {
        var prepared: [Prepared] = []
        var stop = Stop.none
        for (index, input) in candidates {
            guard let report = prepare(input, index: index) else {
                stop = .alone
                break
            }
            prepared.append(report)
        }
        guard !prepared.isEmpty else { return (ReportSegment(), stop) }
        let found = try await findIncidents(prepared)
        let linked = try await linkedActions(
            Set(found.compactMap { $0.byKey?.id ?? $0.bySource?.id ?? $0.byTitle?.id }))
        let keys = Set(prepared.flatMap { $0.report.actions.compactMap(\.key) })
        let actions = try await actionsByKey(keys)
        let counters = try await lockCounters()
        var simulation = Simulation(counters: counters, actions: actions, linked: linked)
        for (p, f) in zip(prepared, found) {
            switch simulation.add(p, found: f) {
            case .none: continue
            case let other: return (simulation.segment, other)
            }
        }
        return (simulation.segment, stop)
    }

    /// The report with its team and severity resolved, as `ImportRun` would; nil when the team or a
    /// category is unknown or the team's aliases do not read.
    func prepare(_ input: ReportInput, index: Int) -> Prepared? {
        var report = input.report
        guard let team = context.team(named: report.team ?? defaultTeam),
            report.categories.allSatisfy(context.categories.contains)
        else { return nil }
        if let text = report.severityText {
            guard let aliases = try? TeamStore.aliases(fromJSON: team.aliasJSON, team: team.key) else { return nil }
            if let severity = Team.severity(named: text, aliases: aliases) {
                report.severity = severity
            } else {
                report.warnings.append(
                    ImportRun.severityWarning(text, team: team.key, file: input.file, report: report))
            }
        }
        return Prepared(index: index, input: input, report: report, team: team)
    }
}
