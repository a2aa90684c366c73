import FirebreakCore
import Foundation

/// One row of ``ExportStore/itemsSelect``, its columns named: the one place that knows their order.
struct ExportRow {
    /// The columns as PostgresNIO decodes them, in the order of the SELECT.
    typealias Columns = (
        String, String, String, String, String?, Double?, Double, Double, Int, String?, Int?, Bool,
        String?, String?, [String], [String], [Int], [Int], [Double], [String], String?, [String],
        [String], [String]
    )

    var key: String
    var title: String
    var description: String
    var kind: String
    var category: String?
    var estimate: Double?
    var effort: Double
    var value: Double
    var rank: Int
    var sprint: String?
    var sprintNumber: Int?
    var improvementSprint: Bool
    var assigneeEmail: String?
    var due: String?
    var incidentKeys: [String]
    var incidentTitles: [String]
    /// Outage minutes of each incident, -1 where unknown (arrays hold no nulls).
    var incidentMinutes: [Int]
    /// Tickets of each incident, -1 where unknown.
    var incidentTickets: [Int]
    var incidentCoverage: [Double]
    var components: [String]
    var externalKey: String?
    var jiraLabels: [String]
    var jiraComponents: [String]
    var jiraSprints: [String]

    init(_ r: Columns) {
        (key, title, description, kind, category, estimate, effort, value) = (r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7)
        (rank, sprint, sprintNumber, improvementSprint, assigneeEmail, due) = (r.8, r.9, r.10, r.11, r.12, r.13)
        (incidentKeys, incidentTitles, incidentMinutes, incidentTickets, incidentCoverage) = (
            r.14, r.15, r.16, r.17, r.18
        )
        (components, externalKey, jiraLabels, jiraComponents, jiraSprints) = (r.19, r.20, r.21, r.22, r.23)
    }

    /// The item the exports write.
    func item() throws -> JiraExportItem {
        let incidents = incidentKeys.indices.map { i in
            JiraExportItem.Incident(
                key: incidentKeys[i], title: incidentTitles[i],
                outageMinutes: incidentMinutes[i] < 0 ? nil : incidentMinutes[i],
                tickets: incidentTickets[i] < 0 ? nil : incidentTickets[i], coverage: incidentCoverage[i])
        }
        return JiraExportItem(
            key: key, title: title, description: description,
            kind: try StoredCode.decode(kind, column: "actions.kind"), category: category, estimate: estimate,
            effort: effort, value: value, priority: effort > 0 ? value / effort : 0, rank: rank, sprint: sprint,
            sprintNumber: sprintNumber, improvementSprint: improvementSprint, assigneeEmail: assigneeEmail,
            due: due.flatMap { CalendarDate($0) }, incidents: incidents, components: components,
            externalKey: externalKey, jiraLabels: jiraLabels, jiraComponents: jiraComponents, jiraSprints: jiraSprints)
    }
}
