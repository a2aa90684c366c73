import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird

/// What changed between two stored plans of a team (`plan diff A B`): items that entered, left or
/// moved with the later plan's reason, items whose estimate or value changed, and each sprint's figures.
enum WebPlanDiff {
    struct Move {
        var key: String
        var from: String
        var to: String
        var reason: String?
        var reasonText: String?
    }

    struct Change {
        var key: String
        var effort: String
        var value: String
    }

    struct SprintRow {
        var name: String
        var capacity: String
        var used: String
        var value: String
    }

    struct View {
        var team: String
        var teams: [WebBacklog.TeamOption]
        var from: Int
        var to: Int
        var same: Bool
        var diffFrom: [WebPlan.PlanOption]
        var diffTo: [WebPlan.PlanOption]
        var entered: [Move]
        var left: [Move]
        var moved: [Move]
        var changed: [Change]
        var hasChanged: Bool
        var sprints: [SprintRow]
    }

    /// `before → after`, or the one figure when it did not change; "-" where a sprint is not in a plan.
    static func change(_ before: String?, _ after: String?) -> String {
        let (a, b) = (before ?? "-", after ?? "-")
        return a == b ? a : "\(a) → \(b)"
    }

    static func page(_ request: Request, _ operations: some Operations, session: WebSession) async throws -> Response {
        let (team, teams) = try await WebPlan.team(request, operations)
        let stored = try await operations.plans(team: team).map(\.number).sorted(by: >)
        guard let latest = stored.first else {
            throw Problem(
                .notFound, status: .notFound, detail: "\(team) has no stored plans to compare: make one first.")
        }
        let to = try request.positive("to") ?? latest
        let from = try request.positive("from") ?? stored.first { $0 < to } ?? to
        let diff = try await operations.planDiff(team: team, from, to)
        let names = Dictionary(diff.sprints.map { ($0.number, $0.name) }, uniquingKeysWith: { a, _ in a })
        func sprint(_ number: Int) -> String { number == 0 ? "not planned" : names[number] ?? "Sprint \(number)" }
        func moves(_ list: [PlanDiff.Move]) -> [Move] {
            list.map {
                Move(
                    key: $0.key, from: sprint($0.from), to: sprint($0.to), reason: $0.reason?.rawValue,
                    reasonText: $0.reasonText)
            }
        }
        func options(selected: Int) -> [WebPlan.PlanOption] {
            stored.map { WebPlan.PlanOption(number: $0, label: "Plan \($0)", href: "", selected: $0 == selected) }
        }
        let view = View(
            team: team, teams: WebPlan.teamOptions(teams, team), from: diff.from, to: diff.to, same: diff.isEmpty,
            diffFrom: options(selected: from), diffTo: options(selected: to), entered: moves(diff.entered),
            left: moves(diff.left), moved: moves(diff.moved),
            changed: diff.changed.map {
                Change(
                    key: $0.key,
                    effort: change(NumberText.plain($0.effortBefore), NumberText.plain($0.effortAfter)),
                    value: change(NumberText.twoDecimals($0.valueBefore), NumberText.twoDecimals($0.valueAfter)))
            }, hasChanged: !diff.changed.isEmpty,
            sprints: diff.sprints.map { s in
                SprintRow(
                    name: s.name,
                    capacity: change(
                        s.before.map { NumberText.plain($0.capacity) }, s.after.map { NumberText.plain($0.capacity) }),
                    used: change(s.before.map { NumberText.plain($0.used) }, s.after.map { NumberText.plain($0.used) }),
                    value: change(
                        s.before.map { NumberText.twoDecimals($0.value) },
                        s.after.map { NumberText.twoDecimals($0.value) }))
            })
        return WebPage.render(
            "plan-diff", view, title: "Plan \(diff.from) against plan \(diff.to)", session: session, current: "/plan")
    }
}
