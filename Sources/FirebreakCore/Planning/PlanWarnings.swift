/// The warnings a plan carries, so that a manager sees what it cannot do.
enum PlanWarnings {
    static func make(
        ranked: [RankedItem], sprints: [PlannedSprint], unplanned: [UnplannedItem], facts: PlanningFacts
    ) -> [PlanWarning] {
        var warnings: [PlanWarning] = []
        if let first = sprints.first {
            let claimed = first.items.filter { $0.claimedBy != nil }.reduce(0) { $0 + $1.effort }
            if claimed > Double(first.backlogCapacity) {
                warnings.append(
                    PlanWarning(
                        code: .overCapacity, key: first.name,
                        message:
                            "claimed items need \(NumberText.plain(claimed)) points; the sprint has \(first.backlogCapacity) for the backlog"
                    ))
            }
        }
        // Of the items with a due date, those still to do (ranked): done and won't-fix ones warn of nothing.
        let dueToDo: Set<String> = facts.due.isEmpty ? [] : Set(ranked.lazy.map(\.key).filter { facts.due[$0] != nil })
        // Items too big to plan: a warning to split them, or to estimate them when the size is the team default.
        for item in unplanned where item.reason == .tooBig || item.reason == .notEstimated {
            warnings.append(
                PlanWarning(
                    code: item.reason == .tooBig ? .tooBig : .unestimated, key: item.key, message: item.reasonText))
        }
        let sprintOf = Dictionary(
            sprints.flatMap { sprint in sprint.items.map { ($0.key, sprint) } }, uniquingKeysWith: { a, _ in a })
        for (key, due) in facts.due.sorted(by: { ItemKey.naturalLess($0.key, $1.key) }) {
            guard dueToDo.contains(key) else { continue }
            if let sprint = sprintOf[key] {
                if sprint.endsOn > due {
                    warnings.append(
                        PlanWarning(
                            code: .missedDueDate, key: key,
                            message: "due \(due), planned in \(sprint.name) ending \(sprint.endsOn)"))
                }
            } else if let last = sprints.last, due <= last.endsOn {
                warnings.append(
                    PlanWarning(code: .missedDueDate, key: key, message: "due \(due), not planned"))
            }
        }
        // Unestimated items in the plan: their place rests on the team's default estimate.
        for item in sprints.flatMap(\.items) where !item.estimated {
            warnings.append(
                PlanWarning(
                    code: .unestimated, key: item.key,
                    message: "no estimate: counted as \(NumberText.plain(item.effort)) points, the team default"))
        }
        for finding in facts.findings {
            let code: PlanWarning.Code
            switch finding.code {
            case .noDetectAction: code = .noDetectAction
            case .noAction: code = .noAction
            case .draft, .unestimated, .unlinked, .overdue: continue
            }
            warnings.append(PlanWarning(code: code, key: finding.key, message: finding.message))
        }
        return warnings
    }
}
