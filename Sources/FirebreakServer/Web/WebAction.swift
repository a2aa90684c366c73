import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird

/// One backlog item: every term of its score, as `backlog --explain` gives them, and its history.
enum WebAction {
    struct Term {
        var incident: String
        /// Why the incident is not counted; nil when it is, and `figures` hold its terms.
        var ignored: String?
        var figures: ScoreExplanation.Term.Figures?
    }

    struct Entry {
        var at: String
        var actor: String
        var onBehalfOf: String?
        var verb: String
        var details: String
    }

    struct View {
        var key: String
        var title: String
        var team: String
        var status: String
        var claimedBy: String?
        var kind: String
        var rank: String
        var formula: String
        var hasExplanation: Bool
        var terms: [Term]
        var total: String
        var history: [Entry]
    }

    static func term(_ t: ScoreExplanation.Term) -> Term {
        let figures = t.figures
        return Term(incident: t.incident, ignored: figures == nil ? t.ignoredText : nil, figures: figures)
    }

    static func page(_ key: String, _ operations: some Operations, session: WebSession) async throws -> Response {
        let item = try await operations.action(key).value
        // One ranking gives the item's rank and its explanation; the history does not depend on it: read at
        // once. Only ranked (open and claimed) items have a rank and an explanation.
        async let explainedRead =
            item.status.isActive
            ? operations.explained(team: item.team, item: key, asOf: Date(), limit: nil) : nil
        async let historyRead = operations.actionHistory(key)
        let (explained, history) = try await (explainedRead, historyRead)
        let explanation = explained?.explanations.first
        let rank = explained.flatMap { e in e.ranked.first { $0.key == key }.map { "#\($0.rank) of \(e.ranked.count)" }
        }
        let view = View(
            key: item.key, title: item.title, team: item.team, status: item.status.rawValue, claimedBy: item.claimedBy,
            kind: item.kind.rawValue, rank: rank ?? "not ranked",
            formula: ScoreExplanation.formula + ".", hasExplanation: explanation != nil,
            terms: explanation?.terms.map(term) ?? [], total: explanation?.totalText ?? "",
            history: history.map {
                Entry(
                    at: ISO8601Format.string($0.at), actor: $0.actor, onBehalfOf: $0.onBehalfOf, verb: $0.verb,
                    details: $0.summary)
            })
        return WebPage.render("action", view, title: "\(item.key) \(item.title)", session: session, current: "/backlog")
    }
}

extension WebRouteRegistry {
    mutating func addBacklog() {
        let backend = self.backend
        page("/backlog", role: .viewer) { request, context, session in
            try await WebBacklog.page(request, context.operations(backend), session: session)
        }
        page("/backlog/{key}", role: .viewer) { _, context, session in
            try await WebAction.page(try context.parameter("key"), context.operations(backend), session: session)
        }
    }
}
