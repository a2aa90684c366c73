import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird

/// My work: an engineer's claims against the WIP limit, the best unclaimed items of the current
/// sprint with Claim, and Release and Done, each one click.
enum WebWork {
    struct Card {
        var key: String
        var title: String
        var kind: String
        var priority: String
        /// Who holds it, when someone else got there first.
        var holder: String?
        var csrf: String
    }

    struct View {
        var engineer: String
        var team: String
        var wipLimit: Int
        var claimCount: Int
        var claims: [Card]
        var picks: [Card]
        var pickSource: String
        var notice: String?
    }

    /// How many items "pick next" offers.
    static let pickCount = 8

    /// The page for the signed-in engineer, with `notice` (a claim someone else won) above it.
    static func page(
        _ operations: some Operations, backend: Backend, session: WebSession, notice: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let me = try await operations.me()
        guard let engineer = me.engineer, let teamKey = me.team else {
            // A token not tied to an engineer (a manager's, say) has no work of its own: the backlog.
            return WebPage.redirect("/backlog")
        }
        let team = try await operations.team(teamKey).value
        let active = try await operations.actions(team: teamKey, statuses: [.open, .claimed])
        let byKey = Dictionary(active.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let csrf = session.csrf
        let claims = active.filter { $0.claimedBy == engineer }.map {
            Card(key: $0.key, title: $0.title, kind: $0.kind.rawValue, priority: "", holder: nil, csrf: csrf)
        }
        // The current sprint of the latest plan, as `GET /v1/teams/{team}/plans/latest` reads it.
        let plan = try? await backend.run { try await PlanStore(database: $0).get(team: teamKey, number: nil) }
        let today = CalendarDate(containing: Date())
        let sprint = plan?.sprints.first { $0.startsOn <= today && today <= $0.endsOn }
        var picks: [Card] = []
        let source: String
        if let sprint {
            source = "From \(sprint.name), \(sprint.startsOn) to \(sprint.endsOn), in plan order."
            for item in sprint.items {
                guard let current = byKey[item.key], current.claimedBy != engineer else { continue }
                picks.append(
                    Card(
                        key: item.key, title: current.title, kind: current.kind.rawValue,
                        priority: NumberText.twoDecimals(item.priority), holder: current.claimedBy, csrf: csrf))
            }
        } else {
            source = "No plan covers today, so these are the top of the ranked backlog."
            for item in try await operations.backlog(team: teamKey, asOf: Date(), limit: pickCount * 2)
            where item.claimedBy != engineer {
                picks.append(
                    Card(
                        key: item.key, title: item.title, kind: item.kind.rawValue,
                        priority: NumberText.twoDecimals(item.priority), holder: item.claimedBy, csrf: csrf))
            }
        }
        let view = View(
            engineer: engineer, team: teamKey, wipLimit: team.wipLimit, claimCount: claims.count, claims: claims,
            picks: Array(picks.prefix(pickCount)), pickSource: source, notice: notice)
        return WebPage.render("work", view, title: "My work", session: session, current: "/work", status: status)
    }
}

extension WebRouteRegistry {
    mutating func addWork() {
        let backend = self.backend
        page("/work", role: .engineer) { _, context, session in
            try await WebWork.page(context.operations(backend), backend: backend, session: session)
        }
        form("/work/claim", role: .engineer) { _, context, session, form in
            let operations = context.operations(backend)
            do {
                _ = try await operations.claim(try form.required("key"), engineer: nil)
            } catch {
                // Someone else got there first, or the WIP limit is full: the page says which.
                let problem = Problem.from(error, logger: context.logger)
                guard problem.status == .conflict else { throw problem }
                return try await WebWork.page(
                    operations, backend: backend, session: session, notice: problem.detail, status: .conflict)
            }
            return WebPage.redirect("/work")
        }
        form("/work/release", role: .engineer) { _, context, _, form in
            _ = try await context.operations(backend).release(try form.required("key"), engineer: nil)
            return WebPage.redirect("/work")
        }
        form("/work/done", role: .engineer) { _, context, _, form in
            _ = try await context.operations(backend).done(try form.required("key"), engineer: nil)
            return WebPage.redirect("/work")
        }
    }
}
