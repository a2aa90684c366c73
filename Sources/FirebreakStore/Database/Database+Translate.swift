import Foundation
public import Logging
import PostgresNIO

extension Database {
    /// Turns driver errors into a ``StoreError`` in Firebreak's own words; other errors pass through.
    ///
    /// PostgreSQL's message and detail are never part of the result: a check violation's detail is
    /// the whole failing row (`Failing row contains (79, ACT-69, ...)`) and a unique violation's the
    /// value taken (`Key (external_key)=(OPS-12) already exists`). The SQLSTATE and the constraint's
    /// name say what broke; ``ConstraintWords`` says it as the CLI and the API do, with the request
    /// field at fault. The original is logged at debug level, without its detail (which holds row
    /// data), to `logger` or else to `firebreak.database`.
    public static func translate(_ error: any Error, logger: Logger? = nil) -> any Error {
        if let error = error as? PostgresTransactionError {
            return translate(error.closureError ?? error.beginError ?? error.commitError ?? error, logger: logger)
        }
        guard let psql = error as? PSQLError else { return error }
        guard let info = psql.serverInfo, let state = info[.sqlState] else {
            return StoreError.unavailable("cannot reach the database: \(psql.code)")
        }
        let constraint = info[.constraintName]
        let translated = translate(state: state, constraint: constraint, column: info[.columnName])
        var metadata: Logger.Metadata = [
            "sqlstate": "\(state)", "constraint": "\(constraint ?? "-")", "table": "\(info[.tableName] ?? "-")",
            "column": "\(info[.columnName] ?? "-")", "routine": "\(info[.routine] ?? "-")",
        ]
        // A message of a state no input explains (a query of ours the database refused) names what is
        // wrong with the query, not a row; the others' messages can quote the values sent.
        if translated.kind == .internal { metadata["message"] = "\(info[.message] ?? "-")" }
        (logger ?? Self.translationLogger).debug("database error translated", metadata: metadata)
        return translated
    }

    static let translationLogger = Logger(label: "firebreak.database")

    /// The error a SQLSTATE and the constraint or column it names stand for.
    package static func translate(state: String, constraint: String?, column: String?) -> StoreError {
        switch state {
        case "23505", "23514", "23503", "23P01":  // unique, check, foreign key, exclusion
            if let constraint, let words = ConstraintWords.of(constraint) {
                return StoreError(words.kind, words.message, field: words.field)
            }
            switch state {
            case "23505", "23P01": return .conflict("this already exists")
            case "23503": return .invalid("this names something that does not exist, or is still in use")
            default: return .invalid("a value is outside what Firebreak can store")
            }
        case "23502":  // not null
            let field = column.map(ConstraintWords.field(ofColumn:))
            return .invalid("\(field ?? "a value") is required", field: field)
        case "22001", "54000":  // string too long for its column or its index
            return .invalid("a value is too long to store")
        case "22003":
            return .invalid("a number is out of the range Firebreak can store or compute with")
        case "22021", "22P05":
            return .invalid("text holds a NUL character or bytes that are not UTF-8, which cannot be stored")
        case "22007", "22008":
            return .invalid("a date or time is out of the range Firebreak can store")
        case "22P02":
            return .invalid("a value is not in the form its field takes")
        case "FB001":
            return .conflict("the engineer already holds as many claimed items as the team's WIP limit")
        case "57014":
            return .unavailable("the database took too long to answer")
        case "25006":
            return .unavailable("the database is read-only (a standby?); point Firebreak at the primary")
        case "28P01":
            return .unavailable("the database refused the password for this user")
        case "3D000":
            return .unavailable("the database named in the URL does not exist")
        case "42501":
            return .unavailable("the database user lacks a privilege Firebreak needs")
        case "57P01", "57P02", "57P03", "08000", "08003", "08006":
            return .unavailable("the database is not available")
        case _ where state.hasPrefix("40"), "55P03":  // serialization failure, deadlock, lock not available
            return .conflict("another change got there first; try again")
        case _ where state.hasPrefix("53") || state.hasPrefix("57") || state.hasPrefix("08") || state.hasPrefix("28"):
            return .unavailable("the database is not available")
        default:
            return StoreError(.internal, "the database could not do this (error \(state)); the debug log says why")
        }
    }
}

/// What each constraint of `sql/*.sql` guards, in the words of the CLI and the API, with the request
/// field it guards (the API's JSON key).
///
/// PostgreSQL names the constraints it is not given a name for: `TABLE_COLUMN_check`,
/// `TABLE_COLUMN_key`, `TABLE_COLUMN_fkey`, `TABLE_pkey`, and `TABLE_check` for a check of a whole
/// row. `SchemaTests`-style tests read every constraint of the migrated database and fail for one
/// this table does not know.
package enum ConstraintWords {
    package struct Words: Sendable, Equatable {
        package var kind: StoreError.Kind
        package var field: String?
        package var message: String
    }

    package static func of(_ constraint: String) -> Words? { table[constraint] }

    private static func invalid(_ field: String?, _ message: String) -> Words {
        Words(kind: .invalid, field: field, message: message)
    }
    private static func taken(_ field: String?, _ message: String) -> Words {
        Words(kind: .conflict, field: field, message: message)
    }

    package static let table: [String: Words] = [
        // teams (0001, 0004, 0006)
        "teams_pkey": taken(nil, "this team already exists"),
        "teams_key_key": taken("key", "a team with this key already exists"),
        "teams_key_check": invalid(
            "key", "team key must be an upper-case letter then up to 19 upper-case letters, digits or _"),
        "teams_name_check": invalid("name", "team name must be 1 to 200 characters"),
        "teams_sprint_length_days_check": invalid("sprintLengthDays", "sprint length must be 1 to 366 days"),
        "teams_improvement_every_check": invalid("improvementEvery", "every must be 0 (off) or more"),
        "teams_backlog_share_check": invalid("backlogShare", "share must be 0 to 100 percent"),
        "teams_budget_cost_check": invalid("budgetCost", "budget cost must be a number of 0 or more"),
        "teams_budget_days_check": invalid("budgetDays", "budget days must be above 0"),
        "teams_check": invalid("budgetCost", "budget needs both a cost and a number of days"),
        "teams_ticket_weight_check": invalid("ticketWeight", "ticket weight must be 0 or from 0.001 to 1000000"),
        "teams_customer_multiplier_check": invalid(
            "customerMultiplier", "customer multiplier must be 0 or from 0.001 to 1000000"),
        "teams_half_life_days_check": invalid("halfLifeDays", "half-life must be a number of days above 0"),
        "teams_default_estimate_check": invalid(
            "defaultEstimate", "default estimate must be a number of story points from 0.01 to 1000"),
        "teams_wip_limit_check": invalid("wipLimit", "WIP limit must be at least 1"),
        "teams_severity_aliases_check": invalid(
            "severityAliases", "a severity alias must be 1 to 50 characters and name a severity from 1 to 4"),
        // engineers (0001, 0002)
        "engineers_pkey": taken(nil, "this engineer already exists"),
        "engineers_handle_key": taken("handle", "an engineer with this handle already exists"),
        "engineers_handle_check": invalid(
            "handle", "handle must be lower-case letters, digits, '.', '-' or '_' (at most 39)"),
        "engineers_display_name_check": invalid("displayName", "display name must be 1 to 200 characters"),
        "engineers_email_check": invalid("email", "email is not an email address"),
        "engineers_team_id_fkey": invalid("team", "the engineer's team does not exist, or still has engineers"),
        "engineers_capacity_check": invalid("capacity", "capacity must be a number of story points from 0 to 1000"),
        "engineers_open_claims_check": invalid(nil, "an engineer cannot hold fewer than 0 claimed items"),
        "engineers_deactivated_hold_nothing": invalid(
            "engineer", "the engineer is deactivated and claims nothing; claim as an active engineer"),
        // time_off
        "time_off_pkey": taken(nil, "this time off is already recorded"),
        "time_off_check": invalid("to", "time off ends before it starts"),
        "time_off_engineer_id_starts_on_ends_on_key": taken(nil, "this time off is already recorded"),
        "time_off_engineer_id_fkey": invalid("handle", "the engineer does not exist"),
        // components and categories
        "components_pkey": taken(nil, "this component already exists"),
        "components_name": taken("components", "a component with this name already exists"),
        "components_name_check": invalid("components", "a component's name must be 1 to 200 characters"),
        "components_team_id_fkey": invalid("team", "the component's team does not exist"),
        "categories_pkey": taken("category", "a category with this key already exists"),
        "categories_key_check": invalid(
            "category", "a category key must be a lower-case letter then up to 39 lower-case letters, digits or -"),
        "categories_team_id_fkey": invalid("team", "the category's team does not exist"),
        "key_counters_pkey": taken(nil, "this key counter already exists"),
        "key_counters_last_check": invalid(nil, "a key counter cannot go below 0"),
        // incidents
        "incidents_pkey": taken(nil, "this incident already exists"),
        "incidents_key_key": taken("key", "an incident with this key already exists"),
        "incidents_key_check": invalid(
            "key", "an incident key must be a letter then up to 39 letters, digits or - (INC-7)"),
        "incidents_title_check": invalid("title", "title must be 1 to 500 characters"),
        "incidents_outage_minutes_check": invalid("outageMinutes", "outage time must be 0 minutes or more"),
        "incidents_severity_check": invalid("severity", "severity must be 1 (SEV1) to 4 (SEV4)"),
        "incidents_detected_by_check": invalid("detectedBy", "detected by must be alert, customer, staff or unknown"),
        "incidents_tickets_check": invalid("tickets", "the number of support tickets must be 0 or more"),
        "incidents_status_check": invalid("status", "status must be draft or published"),
        "incidents_check": invalid(
            "status", "a published incident states its start, outage time, severity and number of support tickets"),
        "incidents_team_id_fkey": invalid("team", "the incident's team does not exist, or still has incidents"),
        "incident_components_pkey": taken("components", "the incident already names this component"),
        "incident_components_incident_id_fkey": invalid(nil, "the incident does not exist"),
        "incident_components_component_id_fkey": invalid("components", "the component does not exist"),
        "incident_categories_pkey": taken("categories", "the incident already names this category"),
        "incident_categories_incident_id_fkey": invalid(nil, "the incident does not exist"),
        "incident_categories_category_key_fkey": invalid("categories", "unknown category"),
        // actions (0001, 0004, 0005)
        "actions_pkey": taken(nil, "this action already exists"),
        "actions_key_key": taken("key", "an action with this key already exists"),
        "actions_key_check": invalid(
            "key", "an action key must be a letter then up to 39 letters, digits or - (ACT-3)"),
        "actions_title_check": invalid("title", "title must be 1 to 500 characters"),
        "actions_kind_check": invalid("kind", "kind must be detect, prevent, mitigate or process"),
        "actions_category_key_fkey": invalid("category", "unknown category"),
        "actions_estimate_check": invalid("estimate", "estimate must be a number of story points from 0.01 to 1000"),
        "actions_status_check": invalid("status", "status must be open, claimed, done or wontfix"),
        "actions_claimed_by_fkey": invalid("engineer", "the claimant does not exist, or still holds claims"),
        "actions_external_key_key": taken("externalKey", "this Jira key is already on another action"),
        "actions_team_id_fkey": invalid("team", "the action's team does not exist, or still has actions"),
        "actions_check": invalid("status", "a claimed item has exactly one claimant, and no other item has one"),
        "actions_labels_check": invalid("labels", "a label cannot be empty"),
        "actions_components_check": invalid("components", "a component cannot be empty"),
        "actions_sprints_check": invalid("sprints", "a sprint cannot be empty"),
        "action_incidents_pkey": taken("incident", "the action is already linked to this incident"),
        "action_incidents_action_id_fkey": invalid(nil, "the action does not exist"),
        "action_incidents_incident_id_fkey": invalid("incident", "the incident does not exist"),
        "action_incidents_coverage_check": invalid("coverage", "coverage must be from 0.001 to 1"),
        "action_dependencies_pkey": taken("dependsOn", "the action already depends on this one"),
        "action_dependencies_check": invalid("dependsOn", "an action cannot depend on itself"),
        "action_dependencies_action_id_fkey": invalid(nil, "the action does not exist"),
        "action_dependencies_depends_on_id_fkey": invalid("dependsOn", "the action depended on does not exist"),
        // plans
        "plans_pkey": taken(nil, "this plan already exists"),
        "plans_team_id_number_key": taken(nil, "another plan of the team took this number at the same time; try again"),
        "plans_number_check": invalid(nil, "a plan number is 1 or more"),
        "plans_give_reasons": invalid(
            nil, "every item of a plan needs a known reason; generate the plan with `firebreak plan`"),
        "plans_unplanned_arrays_align": invalid(
            nil,
            "every unplanned item of a plan needs its rank, value and effort; generate the plan with `firebreak plan`"),
        "plans_team_id_fkey": invalid("team", "the plan's team does not exist, or still has plans"),
        // audit and tokens
        "audit_entries_pkey": taken(nil, "this audit entry already exists"),
        "audit_entries_team_id_fkey": invalid("team", "the audited team does not exist"),
        "api_tokens_pkey": taken(nil, "this token already exists"),
        "api_tokens_name_key": taken("name", "a token with this name already exists"),
        "api_tokens_name_check": invalid("name", "token name must be 1 to 100 characters"),
        "api_tokens_role_check": invalid("role", "role must be viewer, engineer or manager"),
        "api_tokens_engineer_id_fkey": invalid("engineer", "the token's engineer does not exist, or still has tokens"),
        "api_tokens_token_hash_key": taken(nil, "a token with this secret already exists; make another"),
        "api_tokens_token_hash_check": invalid(nil, "a token's hash is 32 bytes"),
        "api_tokens_check": invalid("engineer", "an engineer token needs an engineer"),
        // web sessions and sign-in links
        "web_sessions_pkey": taken(nil, "this session already exists; sign in again"),
        "web_sessions_id_hash_check": invalid(nil, "a session's hash is 32 bytes"),
        "web_sessions_token_id_fkey": invalid(nil, "the session's token does not exist"),
        "web_sessions_check": invalid(nil, "a session must expire after it starts"),
        "web_login_links_pkey": taken(nil, "this sign-in link already exists; make another"),
        "web_login_links_secret_hash_check": invalid(nil, "a sign-in link's hash is 32 bytes"),
        "web_login_links_token_id_fkey": invalid(nil, "the sign-in link's token does not exist"),
        "web_login_links_check": invalid(nil, "a sign-in link must expire after it is made"),
    ]

    /// The request field a column holds: camelCase, without `_id` and `_key` of a reference
    /// (`team_id` is `team`, `category_key` is `category`), `due_on` is `due`.
    package static func field(ofColumn column: String) -> String {
        var name = column
        for suffix in ["_id", "_key"] where name.hasSuffix(suffix) && name != "external_key" {
            name.removeLast(suffix.count)
        }
        if name == "due_on" { name = "due" }
        let parts = name.split(separator: "_")
        guard let first = parts.first else { return column }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
