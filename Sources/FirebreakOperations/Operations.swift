public import FirebreakCore
public import FirebreakStore
public import Foundation

/// Every user operation of Firebreak, once: the CLI, the API's routes and the web app call these and
/// only format what they answer. ``LocalOperations`` runs them on the database, ``RemoteOperations``
/// through a `firebreak serve`; both answer the same values, so every face shows the same data, and
/// the checks and limits of an operation live in the local implementation (the service runs it too).
public protocol Operations: Sendable {
    /// Who the caller is: the token's name, role, engineer and team (`GET /v1/me`).
    func me() async throws -> Caller

    // MARK: Teams and engineers

    func teams() async throws -> [Team]
    func team(_ key: String) async throws -> Versioned<Team>
    func engineers(team: String?) async throws -> [Engineer]
    func addEngineer(_ engineer: Engineer) async throws -> Engineer
    /// Days off for engineer `handle`, both ends included.
    func addTimeOff(_ handle: String, from: CalendarDate, to: CalendarDate) async throws -> TimeOff

    // MARK: Team and engineer lifecycle (a manager's; each audited)

    /// Every team, archived ones included (``teams()`` leaves them out).
    func allTeams() async throws -> [TeamListing]
    /// Hides a team from listings and defaults; all of it is kept.
    func archiveTeam(_ key: String) async throws
    func unarchiveTeam(_ key: String) async throws
    /// Deletes a team that has no incidents (the demo's team, with its incidents).
    func deleteTeam(_ key: String) async throws -> TeamStore.Deletion
    func setEngineer(_ handle: String, _ changes: EngineerChanges) async throws -> EngineerUpdate
    /// Releases the engineer's claims and takes them out of listings and capacity.
    func deactivateEngineer(_ handle: String) async throws -> TeamStore.Deactivation
    /// Every engineer of `team` (of every team when nil), deactivated ones included
    /// (``engineers(team:)`` leaves them out).
    func allEngineers(team: String?) async throws -> [EngineerListing]
    /// Creates `team`; a conflict when its key is taken.
    func createTeam(_ team: Team) async throws -> Versioned<Team>
    /// Changes team `key`'s settings; with `expectedVersion`, only if it is still at that version.
    func setTeam(_ key: String, _ changes: TeamChanges, expectedVersion: Int?) async throws -> Versioned<Team>

    // MARK: Incidents and imports

    func incidents(team: String?) async throws -> [Incident]
    func incident(_ key: String) async throws -> Versioned<IncidentView>
    /// The incident as its outage report in the canonical Markdown form.
    func incidentMarkdown(_ key: String) async throws -> String
    /// Fills in or corrects incident `key` (the store checks the values and audits the change); with
    /// `expectedVersion`, only if it is still at that version. A severity may be a name: on a named
    /// scale or one of the incident's team's aliases (``IncidentFields/changes(team:)``).
    func setIncident(
        _ key: String, _ fields: IncidentFields, expectedVersion: Int?
    ) async throws -> Versioned<IncidentView>
    /// Who imported and changed incident `key` and when, oldest first, with each change's values.
    func incidentHistory(_ key: String) async throws -> [ClaimStore.HistoryEntry]
    /// Reads one outage report (Markdown) and imports it; with `dryRun`, writes nothing.
    func importReport(_ text: String, source: String?, team: String?, dryRun: Bool) async throws -> ReportImportView
    /// Reads outage reports (Markdown) and imports them together, as `firebreak import` does: each after
    /// the reports that create the actions it links, each all or nothing (one that fails changes nothing,
    /// and the others still import); with `dryRun`, all of them in one transaction that is rolled back, so
    /// that what one would create is there for the next. One result per report, in the order given: what
    /// it did, or `FILE:LINE: reason`. `progress` hears how many are done (locally; through the service
    /// it hears nothing).
    func importReports(
        _ reports: [ImportText], team: String?, dryRun: Bool, progress: @escaping @Sendable (Int) -> Void
    ) async throws -> [Result<ReportImportView, ReportError>]
    /// Reads a Jira CSV export and imports it, all or nothing (`FILE:LINE: reason` for a row it refuses),
    /// in one transaction; with `dryRun`, writes nothing. `dateFormat` reads dates in a user's own format.
    /// A file on disk is read a piece at a time, and `progress` hears how far after each piece (locally;
    /// through the service the file is sent whole and it hears nothing).
    func importJira(
        _ export: JiraExport, team: String?, dateFormat: JiraDateFormat?, dryRun: Bool,
        progress: @escaping @Sendable (JiraCSVFile.Position) -> Void
    ) async throws -> JiraImportView

    // MARK: Actions

    func actions(team: String?, statuses: [ActionStatus]) async throws -> [Action]
    func action(_ key: String) async throws -> Versioned<Action>
    /// Adds an action; `fields.title` and `fields.team` are required.
    func addAction(_ fields: ActionFields) async throws -> Versioned<Action>
    /// Changes an action; with `expectedVersion`, only if it is still at that version.
    func setAction(_ key: String, _ fields: ActionFields, expectedVersion: Int?) async throws -> Versioned<Action>
    func link(_ action: String, to incident: String, coverage: Double?) async throws -> Action
    func unlink(_ action: String, from incident: String) async throws
    func actionHistory(_ key: String) async throws -> [ClaimStore.HistoryEntry]

    // MARK: Claims

    /// Claims `key` for `engineer`, or for the caller's own engineer when nil.
    func claim(_ key: String, engineer: String?) async throws -> Claim
    /// Gives `key` back; `engineer` names whose claim it is for a manager acting for one.
    func release(_ key: String, engineer: String?) async throws -> Claim
    func done(_ key: String, engineer: String?) async throws -> Claim

    // MARK: Backlog

    /// The ranked items `filter` keeps, with their ranks in the whole backlog; `limit` counts the kept.
    func backlog(team: String, asOf: Date, limit: Int?, filter: BacklogFilter) async throws -> [RankedItem]
    /// The ranked items `filter` keeps and the size of the whole backlog, from one ranking (the web's
    /// backlog page: "12 of 140 ranked items").
    func backlogSelection(team: String, asOf: Date, filter: BacklogFilter) async throws -> BacklogSelection
    /// Score explanations of the ranked items (or of `item` alone), in rank order.
    func explain(team: String, item: String?, asOf: Date, limit: Int?) async throws -> [ScoreExplanation]
    /// The team, its whole ranking and the explanations `explain` gives, from one ranking: an item's
    /// rank beside its explanation (the web's item page, `backlog --explain`).
    func explained(team: String, item: String?, asOf: Date, limit: Int?) async throws -> BacklogStore.Explained
    /// The gaps a manager must close, of `team` or of every team.
    func lint(team: String?, asOf: Date) async throws -> [LintFindingView]
    /// What `engineer` (the caller's own when nil) works on next: their claims, then the best
    /// unclaimed items of the current sprint of the latest plan that fit (``NextWork``).
    func next(team: String, engineer: String?, asOf: Date) async throws -> NextWork
    /// Month by month outage cost beside the improvement sprints, and planned against done per sprint.
    func trend(team: String, asOf: Date) async throws -> OutageTrend
    /// Outage cost by weakness category, largest first: of the incidents that started on or after
    /// `since` (all when nil), cost before decay.
    func outageCategories(team: String, asOf: Date, since: Date?) async throws -> [OutageCostReport.CategoryRow]
    /// Outage cost per incident, largest first, of the incidents that started on or after `since`.
    func outageIncidents(team: String, asOf: Date, since: Date?) async throws -> [OutageCostReport.IncidentRow]

    // MARK: Plans

    /// Plans `team`'s sprints from the one containing `asOf`, `sprints` of them (default 6, at most
    /// ``Limits/planHorizon``); stores the plan unless `dryRun`.
    func plan(team: String, asOf: Date, sprints: Int?, dryRun: Bool) async throws -> Plan
    func plans(team: String) async throws -> [PlanStore.Summary]
    /// A stored plan: `number`, or the latest when nil.
    func storedPlan(team: String, number: Int?) async throws -> Plan
    func planDiff(team: String, _ a: Int?, _ b: Int?) async throws -> PlanDiff
    /// The calendar: `count` sprints (at most ``Limits/planHorizon``) from the one containing `from`.
    func sprints(team: String, from: Date, count: Int) async throws -> [Sprint]
}
