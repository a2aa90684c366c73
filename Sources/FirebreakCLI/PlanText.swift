import FirebreakCore
import Foundation

/// Plans for people: one block per sprint, then what was left out and why, then the warnings.
enum PlanText {
    static func print(_ plan: Plan, as option: FormatOption) throws {
        switch option.format {
        case .json: Swift.print(try JSONText.pretty(plan))
        case .csv: Swift.print(csv(plan, raw: option.raw), terminator: "")
        case .table: Swift.print(text(plan), terminator: "")
        }
    }

    static func text(_ plan: Plan) -> String {
        var out = plan.number == 0 ? "Plan preview (not stored)" : "Plan \(plan.number)"
        out += " for \(plan.team) as of \(ISO8601Format.string(plan.asOf)): "
        out += "\(plan.sprints.count) sprints, \(plan.placements.count) items, "
        out += "value \(NumberText.fixed(plan.sprints.reduce(0) { $0 + $1.value }))\n"
        for sprint in plan.sprints {
            let kind = sprint.kind == .improvement ? "improvement (\(sprint.reason?.rawValue ?? "cadence"))" : "feature"
            out += "\n\(sprint.name)  \(sprint.startsOn) → \(sprint.endsOn)  \(kind)  "
            out += "capacity \(NumberText.fixed(sprint.capacity, 1)), backlog \(sprint.backlogCapacity), "
            out += "used \(NumberText.plain(sprint.used)), value \(NumberText.fixed(sprint.value))\n"
            if sprint.items.isEmpty { out += "  (nothing planned)\n" }
            for item in sprint.items {
                let effort = NumberText.plain(item.effort) + (item.estimated ? "" : "*")
                let claim = item.claimedBy.map { "  claimed by \($0)" } ?? ""
                let points = item.effort == 1 ? "point" : "points"
                out += "  #\(item.rank) \(item.key)  \(effort) \(points)  value \(NumberText.fixed(item.value))  "
                out += "\(Listing.truncate(Listing.flatten(item.title), to: 60))\(claim)\n"
                if let reason = item.reason { out += "      \(reason.rawValue): \(item.reasonText ?? "")\n" }
            }
        }
        if !plan.unplanned.isEmpty {
            let counts = Dictionary(grouping: plan.unplanned, by: \.reason.rawValue).mapValues(\.count)
            let summary = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out += "\nUnplanned: \(plan.unplanned.count) (\(summary))\n"
            for item in plan.unplanned.prefix(20) {
                out += "  \(item.key)  \(item.reason.rawValue): \(item.reasonText)\n"
            }
            if plan.unplanned.count > 20 { out += "  … \(plan.unplanned.count - 20) more (--format json lists all)\n" }
        }
        if !plan.warnings.isEmpty {
            out += "\nWarnings:\n"
            for w in plan.warnings { out += "  \(w.code) \(w.key): \(w.message)\n" }
        }
        return out
    }

    static func csv(_ plan: Plan, raw: Bool = false) -> String {
        let columns = [
            "sprint", "name", "starts", "ends", "kind", "rank", "key", "title", "effort", "value", "claimed_by",
            "reason", "reason_text",
        ]
        var rows: [[String]] = []
        for (sprint, item) in plan.placements {
            rows.append(
                [
                    String(sprint.number), sprint.name, sprint.startsOn.description, sprint.endsOn.description,
                    sprint.kind.rawValue, String(item.rank), item.key, item.title, NumberText.plain(item.effort),
                    "\(item.value)", item.claimedBy ?? "", item.reason?.rawValue ?? "", item.reasonText ?? "",
                ])
        }
        return Listing(columns: columns, rows: rows).csv(raw: raw)
    }

    static func diff(_ d: PlanDiff) -> String {
        var out = "Plan \(d.from) → plan \(d.to)\n"
        func why(_ m: PlanDiff.Move) -> String {
            m.reasonText.map { "  (\(m.reason.map { "\($0.rawValue): " } ?? "")\($0))" } ?? ""
        }
        func list(_ title: String, _ moves: [PlanDiff.Move], _ describe: (PlanDiff.Move) -> String) {
            out += "\n\(title): \(moves.count)\n"
            for m in moves { out += "  \(m.key)  \(describe(m))\(why(m))\n" }
        }
        list("Entered", d.entered) { "sprint \($0.to)" }
        list("Left", d.left) { "was in sprint \($0.from)" }
        list("Moved", d.moved) { "sprint \($0.from) → \($0.to)" }
        out += "\nChanged: \(d.changed.count)\n"
        for c in d.changed {
            var parts: [String] = []
            if !PlanDiff.same(c.effortBefore, c.effortAfter) {
                parts.append("effort \(NumberText.plain(c.effortBefore)) → \(NumberText.plain(c.effortAfter))")
            }
            if !PlanDiff.same(c.valueBefore, c.valueAfter) {
                parts.append("value \(NumberText.fixed(c.valueBefore)) → \(NumberText.fixed(c.valueAfter))")
            }
            out += "  \(c.key)  \(parts.joined(separator: ", "))\n"
        }
        out += "\nSprints (capacity, backlog, used, value):\n"
        func figures(_ f: PlanDiff.Figures?) -> String {
            guard let f else { return "-" }
            return "\(NumberText.fixed(f.capacity, 1)), \(f.backlogCapacity), \(NumberText.plain(f.used)), "
                + NumberText.fixed(f.value)
        }
        for s in d.sprints {
            let change = (s.after?.value ?? 0) - (s.before?.value ?? 0)
            let same =
                s.before == s.after ? "  (same)" : "  (value \(change >= 0 ? "+" : "")\(NumberText.fixed(change)))"
            out += "  \(s.name)  \(figures(s.before)) → \(figures(s.after))\(same)\n"
        }
        return out
    }
}
