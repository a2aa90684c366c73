import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird

/// My work: an engineer's claims against the WIP limit, the best unclaimed items of the current
/// sprint that fit with Claim, and Release and Done, each one click.
enum WebWork {
    struct Card {
        var key: String
        var title: String
        var kind: String
        var effort: String
        var priority: String
        var csrf: String
    }

    struct View {
        var engineer: String
        var team: String
        var wipLimit: Int
        var claimCount: Int
        var capacity: String
        var remaining: String
        var claims: [Card]
        var picks: [Card]
        var pickSource: String
        var note: String?
        var notice: String?
    }

    /// The page for the signed-in engineer, with `notice` (a claim someone else won) above it: what
    /// `firebreak next` prints, from the same operation.
    static func page(
        _ operations: some Operations, session: WebSession, notice: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let me = try await operations.me()
        guard me.engineer != nil, let team = me.team else {
            // A token not tied to an engineer (a manager's, say) has no work of its own: the backlog.
            return WebPage.redirect("/backlog")
        }
        let next = try await operations.next(team: team, engineer: nil, asOf: Date())
        let csrf = session.csrf
        func card(_ item: NextWork.Item) -> Card {
            Card(
                key: item.key, title: item.title, kind: item.kind.rawValue,
                effort: NumberText.plain(item.effort), priority: NumberText.twoDecimals(item.priority), csrf: csrf)
        }
        let source =
            next.sprint.map {
                "From \($0.name), \($0.startsOn) to \($0.endsOn), of plan \(next.plan ?? 0), best first."
            }
            ?? ""
        let view = View(
            engineer: next.engineer, team: next.team, wipLimit: next.wipLimit, claimCount: next.claimed.count,
            capacity: NumberText.plain(next.capacity), remaining: NumberText.plain(next.remainingCapacity),
            claims: next.claimed.map(card), picks: next.suggestions.map(card), pickSource: source, note: next.note,
            notice: notice)
        return WebPage.render("work", view, title: "My work", session: session, current: "/work", status: status)
    }
}

extension WebRouteRegistry {
    mutating func addWork() {
        let backend = self.backend
        page("/work", role: .engineer) { _, context, session in
            try await WebWork.page(context.operations(backend), session: session)
        }
        form("/work/claim", role: .engineer) { _, context, session, form in
            let operations = context.operations(backend)
            do {
                _ = try await operations.claim(try form.required("key"), engineer: nil)
            } catch {
                // Someone else got there first, or the WIP limit is full: the page says which.
                let problem = Problem.from(error, logger: context.logger)
                guard problem.status == .conflict else { throw problem }
                return try await WebWork.page(operations, session: session, notice: problem.detail, status: .conflict)
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
