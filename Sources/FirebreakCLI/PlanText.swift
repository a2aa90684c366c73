import FirebreakCore
import Foundation

/// Plans for people: one block per sprint, then what was left out and why, then the warnings.
enum PlanText {
    static func print(_ plan: Plan, as format: OutputFormat) throws {
        switch format {
        case .json: Swift.print(try JSONText.pretty(plan))
        case .csv: Swift.print(csv(plan), terminator: "")
        case .table: Swift.print(text(plan), terminator: "")
        }
    }

    static func text(_ plan: Plan) -> String {
        var out = "Plan \(plan.number) for \(plan.team) as of \(ISO8601Format.string(plan.asOf)): "
        out += "\(plan.sprints.count) sprints, \(plan.placements.count) items, "
        out += "value \(Numbers.fixed(plan.sprints.reduce(0) { $0 + $1.value }))\n"
        for sprint in plan.sprints {
            let kind = sprint.kind == .improvement ? "improvement (\(sprint.reason?.rawValue ?? "cadence"))" : "feature"
            out += "\n\(sprint.name)  \(sprint.startsOn) → \(sprint.endsOn)  \(kind)  "
            out += "capacity \(Numbers.fixed(sprint.capacity, 1)), backlog \(sprint.backlogCapacity), "
            out += "used \(NumberText.plain(sprint.used)), value \(Numbers.fixed(sprint.value))\n"
            if sprint.items.isEmpty { out += "  (nothing planned)\n" }
            for item in sprint.items {
                let effort = NumberText.plain(item.effort) + (item.estimated ? "" : "*")
                let claim = item.claimedBy.map { "  claimed by \($0)" } ?? ""
                out += "  #\(item.rank) \(item.key)  \(effort) pts  value \(Numbers.fixed(item.value))  "
                out += "\(Listing.truncate(item.title, to: 60))\(claim)\n"
            }
        }
        if !plan.unplanned.isEmpty {
            let counts = Dictionary(grouping: plan.unplanned, by: \.reason).mapValues(\.count)
            let summary = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out += "\nUnplanned: \(plan.unplanned.count) (\(summary))\n"
            for item in plan.unplanned.prefix(20) {
                out += "  \(item.key)  \(item.reason)\(item.blockedBy.map { " " + $0.joined(separator: ", ") } ?? "")\n"
            }
            if plan.unplanned.count > 20 { out += "  … \(plan.unplanned.count - 20) more (--format json lists all)\n" }
        }
        if !plan.warnings.isEmpty {
            out += "\nWarnings:\n"
            for w in plan.warnings { out += "  \(w.code) \(w.key): \(w.message)\n" }
        }
        return out
    }

    static func csv(_ plan: Plan) -> String {
        var rows = [
            ["sprint", "name", "starts", "ends", "kind", "rank", "key", "title", "effort", "value", "claimed_by"]
        ]
        for (sprint, item) in plan.placements {
            rows.append(
                [
                    String(sprint.number), sprint.name, sprint.startsOn.description, sprint.endsOn.description,
                    sprint.kind.rawValue, String(item.rank), item.key, item.title, NumberText.plain(item.effort),
                    "\(item.value)", item.claimedBy ?? "",
                ])
        }
        return rows.map(CSVField.row).joined()
    }

    static func diff(_ d: PlanDiff) -> String {
        var out = "Plan \(d.from) → plan \(d.to)\n"
        func list(_ title: String, _ moves: [PlanDiff.Move], _ describe: (PlanDiff.Move) -> String) {
            out += "\n\(title): \(moves.count)\n"
            for m in moves { out += "  \(m.key)  \(describe(m))\n" }
        }
        list("Entered", d.entered) { "sprint \($0.to)" }
        list("Left", d.left) { "was in sprint \($0.from)" }
        list("Moved", d.moved) { "sprint \($0.from) → \($0.to)" }
        out += "\nValue per sprint:\n"
        for s in d.sprints {
            let before = s.before.map { Numbers.fixed($0) } ?? "-"
            let after = s.after.map { Numbers.fixed($0) } ?? "-"
            let change = (s.after ?? 0) - (s.before ?? 0)
            out += "  \(s.name)  \(before) → \(after)  (\(change >= 0 ? "+" : "")\(Numbers.fixed(change)))\n"
        }
        return out
    }
}
