public import FirebreakCore
import Foundation

/// The formats a stored plan exports to (DESIGN §6).
public enum PlanExportFormat: String, Sendable, CaseIterable {
    case jiraCSV = "jira-csv"
    case markdown, html, ics, json

    /// The HTTP media type of the format.
    public var mediaType: String {
        switch self {
        case .jiraCSV: "text/csv; charset=utf-8"
        case .markdown: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .ics: "text/calendar; charset=utf-8"
        case .json: "application/json"
        }
    }

    /// The usual file name extension.
    public var fileExtension: String {
        switch self {
        case .jiraCSV: "csv"
        case .markdown: "md"
        case .html: "html"
        case .ics: "ics"
        case .json: "json"
        }
    }
}

/// Writes a stored plan in each export format: the one place the CLI, the demo and the
/// service get their exports from.
///
/// The Jira CSV streams from the database; `drain` is called between rows so that the caller
/// can pass on what was written (a response body) and keep memory flat, and `progress` every
/// 5,000 rows and at the end. The other formats
/// hold the plan and the ranked backlog, which are bounded by the backlog's size.
public struct PlanExporter: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Writes plan `number` (the newest when nil) of `team`; returns the rows written (Jira CSV)
    /// or the planned items (the other formats).
    @discardableResult
    public func write<Out: TextOutputStream>(
        _ format: PlanExportFormat, team: String, plan number: Int?, jira: JiraCSVOptions = JiraCSVOptions(),
        to out: inout Out, drain: (inout Out) async throws -> Void = { _ in },
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> Int {
        if format == .jiraCSV {
            return try await jiraCSV(
                team: team, plan: number, options: jira, to: &out, drain: drain, progress: progress)
        }
        let plan = try await PlanStore(database: database).get(team: team, number: number)
        let teamInfo = try await TeamStore(database: database).get(team)
        switch format {
        case .jiraCSV: break
        case .markdown:
            MarkdownPlanWriter.write(plan, teamName: teamInfo.name, to: &out)
        case .ics:
            ICalendarWriter.write(plan: plan, to: &out)
        case .html:
            // Three reads that do not depend on each other, at once (each on its own connection).
            async let snapshotRead = BacklogStore(database: database).snapshot(team: team)
            async let backlogRead = BacklogStore(database: database).rank(team: team, asOf: plan.asOf)
            async let trendRead = TrendStore(database: database).trend(team: team, asOf: plan.asOf, plans: false)
            let (snapshot, backlog, trend) = try await (snapshotRead, backlogRead, trendRead)
            let categories = OutageCostReport.categories(
                snapshot.incidents, weights: snapshot.team.weights, asOf: plan.asOf)
            HTMLReport.write(
                title: "", plan: plan, team: snapshot.team, categories: categories, backlog: backlog,
                trend: trend.months, to: &out)
        case .json:
            let backlog = try await BacklogStore(database: database).rank(team: team, asOf: plan.asOf)
            try Self.json(plan: plan, team: teamInfo, backlog: backlog, to: &out)
        }
        try await drain(&out)
        return plan.sprints.reduce(0) { $0 + $1.items.count }
    }

    /// The Jira export, streamed: the header once the first row has told the repeated columns and the count.
    func jiraCSV<Out: TextOutputStream>(
        team: String, plan number: Int?, options: JiraCSVOptions, to out: inout Out,
        drain: (inout Out) async throws -> Void, progress: (_ done: Int, _ total: Int) -> Void
    ) async throws -> Int {
        let store = ExportStore(database: database)
        let plan = try await store.planNumber(team: team, number: number)
        // Epic rows come before the items; the incidents' need a pass of their own.
        var epics: [(key: String, summary: String, description: String, labels: [String])] = []
        switch options.epics {
        case .none: break
        case .sprint:
            let stored = try await PlanStore(database: database).get(team: team, number: plan)
            for sprint in stored.sprints where sprint.kind == .improvement && !sprint.items.isEmpty {
                epics.append(
                    (
                        sprint.name, "\(sprint.name): improvement sprint",
                        "Improvement sprint \(sprint.startsOn) to \(sprint.endsOn), plan \(plan).", ["firebreak"]
                    ))
            }
        case .incident:
            for incident in try await store.incidents(team: team, plan: plan, includeBacklog: options.includeBacklog) {
                epics.append(
                    (
                        incident.key, "\(incident.key): \(incident.title)",
                        "Preventative actions for outage \(incident.key).", ["firebreak", incident.key]
                    ))
            }
        }
        var writer = JiraCSVWriter(options: options, labelColumns: 1, componentColumns: 0)
        var rows = 0
        var epicOf: [String: Int] = [:]  // sprint name or incident key -> epic row id
        var nextID = 1
        var position = 0
        try await store.items(
            team: team, plan: plan, includeBacklog: options.includeBacklog,
            shape: { shape in
                writer = JiraCSVWriter(
                    options: options, labelColumns: shape.labelColumns, componentColumns: shape.componentColumns,
                    sprintColumns: shape.sprintColumns)
                rows = shape.rows
                writer.writeHeader(to: &out)
                for epic in epics {
                    writer.writeEpic(
                        id: nextID, summary: epic.summary, description: epic.description, labels: epic.labels, to: &out)
                    epicOf[epic.key] = nextID
                    nextID += 1
                }
            }
        ) { item in
            let parent: Int? =
                switch options.epics {
                case .none: nil
                case .sprint: item.sprint.flatMap { epicOf[$0] }
                case .incident: item.incidents.first.flatMap { epicOf[$0.key] }
                }
            writer.writeItem(
                item, id: nextID, parent: parent, priority: JiraCSVWriter.priority(position: position, of: rows),
                to: &out)
            nextID += 1
            position += 1
            if position % 100 == 0 { try await drain(&out) }
            if position % 5000 == 0 { progress(position, rows) }
        }
        try await drain(&out)
        progress(position, rows)
        return position
    }

    /// JSON written piece by piece: each element is encoded on its own, so the document is never
    /// held whole in memory. Keys: `backlog`, `plan`, `team`.
    static func json(plan: Plan, team: Team, backlog: [RankedItem], to out: inout some TextOutputStream) throws {
        let encoder = PlanJSON.encoder
        func json(_ value: some Encodable) throws -> String {
            String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        out.write("{\"backlog\":[")
        for (i, item) in backlog.enumerated() {
            if i > 0 { out.write(",") }
            out.write("\n")
            out.write(try json(item))
        }
        out.write("\n],\"plan\":")
        out.write(try json(plan))
        out.write(",\"team\":")
        out.write(try json(team))
        out.write("}\n")
    }
}
