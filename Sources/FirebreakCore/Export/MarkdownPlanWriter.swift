import Foundation

/// The plan as a wiki page (DESIGN.md section 6): sprints, their items and value, what was
/// left out and why, and the warnings. Streams into any `TextOutputStream`.
public enum MarkdownPlanWriter {
    public static func write(_ plan: Plan, teamName: String, to out: inout some TextOutputStream) {
        let total = plan.sprints.reduce(0) { $0 + $1.value }
        out.write("# Improvement plan \(plan.number): \(escape(teamName)) (\(plan.team))\n\n")
        out.write("As of \(ISO8601Format.string(plan.asOf)). \(plan.sprints.count) sprints, ")
        out.write("\(plan.placements.count) items, outage cost addressed \(NumberText.fixed(total)).\n\n")
        out.write("| Sprint | Dates | Kind | Capacity | Backlog | Used | Value |\n")
        out.write("| --- | --- | --- | ---: | ---: | ---: | ---: |\n")
        for s in plan.sprints {
            let kind = s.kind == .improvement ? "**improvement** (\(s.reason?.rawValue ?? "cadence"))" : "feature"
            out.write(
                "| \(escape(s.name)) | \(s.startsOn) – \(s.endsOn) | \(kind) | \(NumberText.fixed(s.capacity, 1)) | ")
            out.write("\(s.backlogCapacity) | \(NumberText.plain(s.used)) | \(NumberText.fixed(s.value)) |\n")
        }
        for s in plan.sprints {
            out.write("\n## \(escape(s.name)) (\(s.startsOn) – \(s.endsOn))\n\n")
            if s.items.isEmpty {
                out.write("Nothing planned.\n")
                continue
            }
            out.write("| Rank | Key | Item | Effort | Value | Priority | Claimed by | Why here |\n")
            out.write("| ---: | --- | --- | ---: | ---: | ---: | --- | --- |\n")
            for item in s.items {
                let effort = NumberText.plain(item.effort) + (item.estimated ? "" : " (default)")
                out.write(
                    "| \(item.rank) | \(item.key) | \(escape(item.title)) | \(effort) | \(NumberText.fixed(item.value)) | "
                )
                out.write(
                    "\(NumberText.fixed(item.priority)) | \(item.claimedBy.map(escape) ?? "") | \(why(item.reason, item.reasonText)) |\n"
                )
            }
        }
        if !plan.unplanned.isEmpty {
            out.write("\n## Not planned (\(plan.unplanned.count))\n\n")
            for item in plan.unplanned {
                out.write("- \(item.key): \(why(item.reason, item.reasonText))\n")
            }
        }
        if !plan.warnings.isEmpty {
            out.write("\n## Warnings\n\n")
            for w in plan.warnings { out.write("- **\(w.code)** \(w.key): \(escape(w.message))\n") }
        }
    }

    /// `` `best-fit` `` and the sentence; a dash in a plan stored before plans gave reasons.
    static func why(_ reason: PlanReason?, _ text: String?) -> String {
        guard let reason else { return "–" }
        return "`\(reason.rawValue)` " + escape(text ?? "")
    }

    /// Pipes and line breaks would break a table row; other Markdown is left as written.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
