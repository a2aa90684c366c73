import FirebreakCore
import Foundation
import PostgresNIO

/// One row of ``ExportStore/itemsSelect``, its columns named: the one place that knows their order.
struct ExportRow {
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

    /// Reads the item's columns, in the order of the SELECT.
    init(_ r: inout ColumnReader) throws {
        key = try r.next()
        title = try r.next()
        description = try r.next()
        kind = try r.next()
        category = try r.next()
        estimate = try r.next()
        effort = try r.next()
        value = try r.next()
        rank = try r.next()
        sprint = try r.next()
        sprintNumber = try r.next()
        improvementSprint = try r.next()
        assigneeEmail = try r.next()
        due = try r.next()
        incidentKeys = try r.next()
        incidentTitles = try r.next()
        incidentMinutes = try r.next()
        incidentTickets = try r.next()
        incidentCoverage = try r.next()
        components = try r.next()
        externalKey = try r.next()
        jiraLabels = try r.next()
        jiraComponents = try r.next()
        jiraSprints = try r.next()
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
