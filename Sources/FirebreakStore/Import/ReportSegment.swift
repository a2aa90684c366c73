import FirebreakCore
import Foundation

/// Reports that are imported together, by a few statements per table for all of them rather than a
/// few per field, action and link of each: what `ReportImporter` does for most reports.
///
/// `SegmentPlanner` plans a segment in Swift, from what the database holds when the segment starts,
/// exactly as importing its reports one after the other would go: the same matches, keys, creations,
/// updates and links. A report whose outcome could depend on what an earlier report of the same
/// segment wrote (the same incident, key, file, or start) starts the next segment instead, and a
/// report the plan cannot decide (an unknown team, category or action key, an action listed twice,
/// dependencies) is imported alone, on the report-by-report path, which gives its error.
struct ReportSegment {
    /// An incident or action: one that exists (its id), or the n-th this segment creates.
    enum Ref: Hashable {
        case existing(Int)
        case new(Int)
    }

    /// An incident this segment creates or updates, with what the report says of it.
    struct IncidentRow {
        var key: String
        var report: OutageReport
        var teamID: Int
        var source: String?
    }

    struct NewAction {
        var key: String
        var action: ReportedAction
        var category: String?
        var teamID: Int
    }

    /// What the bullets that name an existing action (or one made earlier in the segment) change in it,
    /// in report order: each field is the last one stated, as successive `coalesce` updates leave it.
    struct ActionUpdate {
        var title: String?
        var kind: ActionKind?
        var description: String?
        var estimate: Double?
        var due: CalendarDate?
        var jira: String?
        var owner: String?
        var completed = false
        /// Updates merged: the row's version moves on by as many.
        var count = 0

        mutating func merge(_ a: ReportedAction) {
            title = a.title ?? title
            kind = a.kind ?? kind
            description = a.description.isEmpty ? description : a.description
            estimate = a.estimate ?? estimate
            due = a.due ?? due
            jira = a.jira ?? jira
            owner = a.owner ?? owner
            completed = completed || a.completed
            count += 1
        }
    }

    struct Link {
        var incident: Ref
        var action: Ref
        var coverage: Double
        var position: Int
    }

    /// A component or category of an incident, at its position in the report.
    struct Listed {
        var incident: Ref
        var name: String
        var position: Int
        var teamID: Int
    }

    struct Audit {
        var verb: String
        var subject: String
        var teamID: Int
        var source: String
        var actions: Int
        var match: IncidentMatch
    }

    /// An action a report lists, for its `action.import` entry: the report (its number in `audits`,
    /// from 1), the bullet's position, the action, and where its values before the report come from.
    struct ActionStep {
        enum Before {
            /// The report creates it: there is no row before.
            case none
            /// The row as the segment's last statement finds it: for the first report that names an
            /// action that existed, as it was before the segment; for one created earlier in the
            /// segment, as inserted.
            case stored
            /// The row as the previous report that lists it left it.
            case previous
        }

        var report: Int
        var position: Int
        var action: Ref
        var before: Before
        /// What the segment's bullets change in the action up to and including this report (nil
        /// for the report that creates it: the row as inserted).
        var update: ActionUpdate?
    }

    /// The reports of the segment (their input indices) and what each did, in import order.
    var outcomes: [(index: Int, outcome: ImportOutcome)] = []
    var newIncidents: [IncidentRow] = []
    var incidentUpdates: [(id: Int, row: IncidentRow)] = []
    var newActions: [NewAction] = []
    var actionUpdates: [Ref: ActionUpdate] = [:]
    /// The actions `actionUpdates` holds, in the order first updated.
    var updated: [Ref] = []
    var links: [Link] = []
    /// Every bullet of every report, in import order.
    var actionSteps: [ActionStep] = []
    /// Incidents that existed: their components, categories and links not in the reports are removed.
    var replaced: [Int] = []
    var components: [Listed] = []
    var categories: [Listed] = []
    var audits: [Audit] = []
    /// The key counters after the segment (`INC`, `ACT`).
    var counters: [String: Int] = [:]

    var isEmpty: Bool { outcomes.isEmpty }
}
