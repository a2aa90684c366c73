import FirebreakCore
import Foundation

extension SegmentPlanner {
    /// Imports reports one after the other in memory, as `ImportRun` would in the database, and
    /// records what each writes into a `ReportSegment`.
    struct Simulation {
        var segment = ReportSegment()
        /// The key counters as the reports so far leave them.
        var counters: [String: Int]
        /// Actions by key: those that existed (by id) and those the segment creates.
        var actions: [String: ReportSegment.Ref]
        /// The actions each incident that existed links, with normalised titles as the segment leaves them.
        var linked: [Int: [(id: Int, title: String)]]
        /// Normalised titles that the segment gives actions that existed.
        var retitled: [Int: String] = [:]
        var touchedIDs: Set<Int> = []
        var touchedKeys: Set<String> = []
        var touchedSources: Set<TeamValue<String>> = []
        var touchedStarts: Set<TeamValue<Date>> = []

        init(
            counters: [String: Int], actions: [String: (id: Int, title: String)],
            linked: [Int: [(id: Int, title: String)]]
        ) {
            self.counters = counters
            self.actions = actions.mapValues { .existing($0.id) }
            self.linked = linked
        }

        /// Adds report `p` to the segment; `.none` when it is in, else why the segment ends before it.
        mutating func add(_ p: Prepared, found: Found) -> Stop {
            let report = p.report
            let team = p.team.id
            // The incident: the lookups saw the database before the segment, so a report that could
            // find what an earlier report of the segment wrote waits for the next segment.
            var key: String
            var existing: (id: Int, key: String)?
            var match = IncidentMatch.new
            if let stated = report.key {
                if touchedKeys.contains(stated) { return .conflict }
                key = stated
                if let byKey = found.byKey { (existing, match) = (byKey, .key) }
            } else {
                if let source = p.input.source, touchedSources.contains(TeamValue(team: team, value: source)) {
                    return .conflict
                }
                if let start = report.startedAt, touchedStarts.contains(TeamValue(team: team, value: start)) {
                    return .conflict
                }
                if let bySource = found.bySource {
                    (existing, match) = (bySource, .source)
                } else if let byTitle = found.byTitle {
                    (existing, match) = (byTitle, .titleAndStart)
                }
                key = existing?.key ?? ""
            }
            if let existing, touchedIDs.contains(existing.id) { return .conflict }
            // The actions, as `ImportRun.linkActions` resolves them against what the incident links
            // when the report starts; a report that would fail goes on its own.
            let current = existing.map { linked[$0.id] ?? [] } ?? []
            var resolved: [Resolution] = []
            var createdKeys: Set<String> = []
            for action in report.actions {
                if let actionKey = action.key {
                    if let ref = actions[actionKey] {
                        resolved.append(.found(ref))
                    } else if action.isLinkOnly || createdKeys.contains(actionKey) {
                        return .alone  // unknown, or listed twice
                    } else {
                        createdKeys.insert(actionKey)
                        resolved.append(.create(actionKey))
                    }
                } else {
                    let wanted = ImportRun.normalised(action.title ?? "")
                    let same = current.first { (retitled[$0.id] ?? $0.title) == wanted }
                    resolved.append(same.map { .found(.existing($0.id)) } ?? .create(nil))
                }
            }
            var seen: Set<ReportSegment.Ref> = []
            for case .found(let ref) in resolved where !seen.insert(ref).inserted { return .alone }
            add(p, key: key, existing: existing?.id, match: existing == nil ? .new : match, actions: resolved)
            return .none
        }

        /// How a bullet resolves: an action found (made earlier in the segment or not), or one to create
        /// (with the key the bullet gives, or the next assigned key).
        enum Resolution {
            case found(ReportSegment.Ref)
            case create(String?)
        }

        /// Writes report `p` into the segment, its incident and actions resolved.
        mutating func add(
            _ p: Prepared, key stated: String, existing: Int?, match: IncidentMatch, actions resolved: [Resolution]
        ) {
            let report = p.report
            let team = p.team.id
            var key = stated
            let incident: ReportSegment.Ref
            if let existing {
                incident = .existing(existing)
                segment.incidentUpdates.append(
                    (
                        existing,
                        ReportSegment.IncidentRow(
                            key: key, report: report, teamID: team, source: p.input.source)
                    ))
                segment.replaced.append(existing)
            } else {
                if report.key != nil {
                    reserve(key)
                } else {
                    key = next("INC")
                }
                incident = .new(segment.newIncidents.count)
                segment.newIncidents.append(
                    ReportSegment.IncidentRow(key: key, report: report, teamID: team, source: p.input.source))
            }
            var created = 0
            var updated = 0
            for (position, (action, resolution)) in zip(report.actions, resolved).enumerated() {
                let ref: ReportSegment.Ref
                switch resolution {
                case .found(let found):
                    ref = found
                    let first = segment.actionUpdates[ref] == nil
                    if first { segment.updated.append(ref) }
                    segment.actionUpdates[ref, default: ReportSegment.ActionUpdate()].merge(action)
                    segment.actionSteps.append(
                        ReportSegment.ActionStep(
                            report: segment.audits.count + 1, position: position, action: ref,
                            before: first ? .stored : .previous, update: segment.actionUpdates[ref]))
                    if case .existing(let id) = ref, let title = action.title {
                        retitled[id] = ImportRun.normalised(title)
                    }
                    if !action.isLinkOnly { updated += 1 }
                case .create(let given):
                    let newKey: String
                    if let given {
                        reserve(given)
                        newKey = given
                    } else {
                        newKey = next("ACT")
                    }
                    ref = .new(segment.newActions.count)
                    segment.newActions.append(
                        ReportSegment.NewAction(
                            key: newKey, action: action, category: report.categories.first, teamID: team))
                    actions[newKey] = ref
                    created += 1
                    segment.actionSteps.append(
                        ReportSegment.ActionStep(
                            report: segment.audits.count + 1, position: position, action: ref, before: .none))
                }
                segment.links.append(
                    ReportSegment.Link(
                        incident: incident, action: ref, coverage: action.coverage ?? 1, position: position))
            }
            for (position, name) in report.components.enumerated() {
                segment.components.append(
                    ReportSegment.Listed(incident: incident, name: name, position: position, teamID: team))
            }
            for (position, category) in report.categories.enumerated() {
                segment.categories.append(
                    ReportSegment.Listed(incident: incident, name: category, position: position, teamID: team))
            }
            segment.audits.append(
                ReportSegment.Audit(
                    verb: match == .new ? "import.create" : "import.update", subject: key, teamID: team,
                    source: p.input.source ?? p.input.file, actions: resolved.count, match: match))
            segment.outcomes.append(
                (
                    p.index,
                    ImportOutcome(
                        incident: key, created: match == .new, status: report.status, actionsCreated: created,
                        actionsUpdated: updated, links: resolved.count, match: match, warnings: report.warnings,
                        missing: report.missingFields)
                ))
            segment.counters = counters
            touchedKeys.insert(key)
            if let existing { touchedIDs.insert(existing) }
            if let source = p.input.source { touchedSources.insert(TeamValue(team: team, value: source)) }
            if let start = report.startedAt { touchedStarts.insert(TeamValue(team: team, value: start)) }
        }

        /// `KeyAllocator.reserve`: an explicit key of an assigned shape pushes its counter past itself.
        mutating func reserve(_ key: String) {
            for prefix in KeyAllocator.prefixes {
                guard let number = ItemKey.assignedNumber(key, prefix: prefix) else { continue }
                counters[prefix] = max(counters[prefix] ?? 0, number)
            }
        }

        /// `KeyAllocator.next`: the next assigned key.
        mutating func next(_ prefix: String) -> String {
            let number = (counters[prefix] ?? 0) + 1
            counters[prefix] = number
            return "\(prefix)-\(number)"
        }
    }
}
