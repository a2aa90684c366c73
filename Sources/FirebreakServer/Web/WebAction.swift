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
        var ignored: String?
        var minutes = ""
        var severity = ""
        var ticketWeight = ""
        var tickets = ""
        var detect = ""
        var age = ""
        var halfLife = ""
        var undecayed = ""
        var decay = ""
        var cost = ""
        var coverage = ""
        var contribution = ""
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
        guard let c = t.cost else { return Term(incident: t.incident, ignored: t.ignored ?? "not counted") }
        return Term(
            incident: t.incident, ignored: nil, minutes: NumberText.plain(c.minutes),
            severity: c.severityMissing ? "0.25 (severity missing)" : NumberText.plain(c.severityWeight),
            ticketWeight: NumberText.plain(c.ticketWeight), tickets: NumberText.plain(c.tickets),
            detect: NumberText.plain(c.detectMultiplier), age: String(format: "%.1f", c.ageDays),
            halfLife: NumberText.plain(c.halfLifeDays), undecayed: String(format: "%.2f", c.undecayedCost),
            decay: String(format: "%.4f", c.decay), cost: String(format: "%.2f", c.cost),
            coverage: NumberText.plain(t.coverage), contribution: String(format: "%.2f", t.contribution))
    }

    static func page(_ key: String, _ operations: some Operations, session: WebSession) async throws -> Response {
        let item = try await operations.action(key).value
        let now = Date()
        let ranked = try await operations.backlog(team: item.team, asOf: now, limit: nil)
        let rank = ranked.first { $0.key == key }?.rank
        // Only ranked (open and claimed) items have an explanation.
        let explanation =
            rank == nil ? nil : try await operations.explain(team: item.team, item: key, asOf: now, limit: nil).first
        let history = try await operations.actionHistory(key)
        let total = explanation.map { e in
            "value \(String(format: "%.2f", e.value)) / effort \(NumberText.plain(e.effort))"
                + (e.estimated ? "" : " (unestimated: team default)")
                + " = priority \(String(format: "%.2f", e.priority))"
        }
        let view = View(
            key: item.key, title: item.title, team: item.team, status: item.status.rawValue, claimedBy: item.claimedBy,
            kind: item.kind.rawValue, rank: rank.map { "#\($0) of \(ranked.count)" } ?? "not ranked",
            formula: "cost = (minutes × severity + ticket weight × tickets) × detect × 0.5^(age / half-life); "
                + "value = Σ coverage × cost; priority = value / effort.",
            hasExplanation: explanation != nil, terms: explanation?.terms.map(term) ?? [], total: total ?? "",
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
