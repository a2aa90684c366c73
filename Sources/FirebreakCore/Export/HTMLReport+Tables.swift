extension HTMLReport {
    /// The plan: a summary row per sprint, each sprint's items, then the items left unplanned.
    static func writePlan(_ plan: Plan, to out: inout some TextOutputStream) {
        out.write("<section id=\"plan\">\n<h2>Plan</h2>\n")
        guard !plan.sprints.isEmpty else {
            out.write("<p class=\"note\">The plan has no sprints.</p>\n")
            writeUnplanned(plan.unplanned, to: &out)
            out.write("</section>\n")
            return
        }
        out.write("<table class=\"sprints\">\n<thead><tr><th>Sprint</th><th>Dates</th><th>Kind</th>")
        out.write("<th class=\"num\">Capacity</th><th class=\"num\">Backlog capacity</th><th class=\"num\">Used</th>")
        out.write("<th class=\"num\">Value</th><th class=\"num\">Items</th></tr></thead>\n<tbody>\n")
        for sprint in plan.sprints {
            out.write(sprint.kind == .improvement ? "<tr class=\"improvement\">" : "<tr>")
            out.write(cell(sprint.name))
            out.write(cell("\(sprint.startsOn) – \(sprint.endsOn)"))
            out.write("<td><span class=\"tag \(sprint.kind.rawValue)\">")
            HTMLEscaping.write(kindLabel(sprint), to: &out)
            out.write("</span></td>")
            out.write(cell(NumberText.decimals(sprint.capacity), numeric: true))
            out.write(cell(String(sprint.backlogCapacity), numeric: true))
            out.write(cell(NumberText.decimals(sprint.used), numeric: true))
            out.write(cell(NumberText.decimals(sprint.value), numeric: true))
            out.write(cell(String(sprint.items.count), numeric: true))
            out.write("</tr>\n")
        }
        out.write("</tbody>\n</table>\n")
        for sprint in plan.sprints {
            out.write("<h3>")
            HTMLEscaping.write(sprint.name, to: &out)
            out.write(" <span class=\"tag \(sprint.kind.rawValue)\">")
            HTMLEscaping.write(kindLabel(sprint), to: &out)
            out.write("</span></h3>\n")
            guard !sprint.items.isEmpty else {
                out.write("<p class=\"note\">No items planned.</p>\n")
                continue
            }
            out.write("<table class=\"items\">\n<thead><tr><th>Key</th><th>Title</th><th class=\"num\">Effort</th>")
            out.write("<th class=\"num\">Value</th><th>Claimed by</th><th>Why here</th></tr></thead>\n<tbody>\n")
            for item in sprint.items {
                out.write("<tr>")
                out.write(cell(item.key))
                out.write(cell(item.title))
                out.write(cell(effortText(item.effort, estimated: item.estimated), numeric: true))
                out.write(cell(NumberText.decimals(item.value), numeric: true))
                out.write(cell(item.claimedBy ?? ""))
                writeReason(item.reason?.rawValue, item.reasonText, to: &out)
                out.write("</tr>\n")
            }
            out.write("</tbody>\n</table>\n")
        }
        writeUnplanned(plan.unplanned, to: &out)
        out.write("</section>\n")
    }

    /// Items the plan could not place, with the reason (and the dependencies that block them).
    private static func writeUnplanned(_ unplanned: [UnplannedItem], to out: inout some TextOutputStream) {
        guard !unplanned.isEmpty else { return }
        out.write("<h3>Unplanned</h3>\n<table class=\"unplanned\">\n")
        out.write("<thead><tr><th>Key</th><th>Why not</th></tr></thead>\n<tbody>\n")
        for item in unplanned {
            out.write("<tr>\(cell(item.key))")
            writeReason(item.reason.rawValue, item.reasonText, to: &out)
            out.write("</tr>\n")
        }
        out.write("</tbody>\n</table>\n")
    }

    /// A reason's cell: its code as a tag, then its sentence; a dash for a plan stored before reasons.
    private static func writeReason(_ code: String?, _ text: String?, to out: inout some TextOutputStream) {
        guard let code else {
            out.write("<td class=\"why\">–</td>")
            return
        }
        out.write("<td class=\"why\"><span class=\"tag reason\">")
        HTMLEscaping.write(code, to: &out)
        out.write("</span> ")
        HTMLEscaping.write(text ?? "", to: &out)
        out.write("</td>")
    }

    /// The plan's warnings, one line each: code, item key, message.
    static func writeWarnings(_ warnings: [PlanWarning], to out: inout some TextOutputStream) {
        out.write("<section id=\"warnings\">\n<h2>Warnings</h2>\n")
        guard !warnings.isEmpty else {
            out.write("<p class=\"note\">No warnings.</p>\n</section>\n")
            return
        }
        out.write("<ul class=\"warnings\">\n")
        for warning in warnings {
            out.write("<li><strong>")
            HTMLEscaping.write(warning.key, to: &out)
            out.write("</strong> <code>")
            HTMLEscaping.write(warning.code.rawValue, to: &out)
            out.write("</code>: ")
            HTMLEscaping.write(warning.message, to: &out)
            out.write("</li>\n")
        }
        out.write("</ul>\n</section>\n")
    }

    /// The ranked backlog, one row per item as it comes from `backlog`: nothing is kept.
    static func writeBacklog(_ backlog: some Sequence<RankedItem>, to out: inout some TextOutputStream) {
        out.write("<section id=\"backlog\">\n<h2>Ranked backlog</h2>\n")
        var items = backlog.makeIterator()
        guard var item = items.next() else {
            out.write("<p class=\"note\">The backlog is empty.</p>\n</section>\n")
            return
        }
        out.write("<p class=\"note\">Value is the outage cost an item addresses; priority is value per point of ")
        out.write("effort. * marks an unestimated item, counted at the team&#39;s default estimate.</p>\n")
        out.write("<table class=\"backlog\">\n<thead><tr><th class=\"num\">Rank</th><th>Key</th><th>Title</th>")
        out.write("<th>Kind</th><th class=\"num\">Value</th><th class=\"num\">Effort</th>")
        out.write("<th class=\"num\">Priority</th><th>Incidents</th><th>Claimed by</th></tr></thead>\n<tbody>\n")
        while true {
            out.write("<tr>")
            out.write(cell(String(item.rank), numeric: true))
            out.write(cell(item.key))
            out.write(cell(item.title))
            out.write(cell(item.kind.rawValue))
            out.write(cell(NumberText.decimals(item.value), numeric: true))
            out.write(cell(effortText(item.effort, estimated: item.estimated), numeric: true))
            out.write(cell(NumberText.decimals(item.priority), numeric: true))
            out.write(cell(item.incidents.joined(separator: ", ")))
            out.write(cell(item.claimedBy ?? ""))
            out.write("</tr>\n")
            guard let next = items.next() else { break }
            item = next
        }
        out.write("</tbody>\n</table>\n</section>\n")
    }

    /// A table cell with `text` escaped; numbers align right.
    static func cell(_ text: String, numeric: Bool = false) -> String {
        (numeric ? "<td class=\"num\">" : "<td>") + HTMLEscaping.escaped(text) + "</td>"
    }

    /// Effort in points, with `*` when it is the team's default because the item has no estimate.
    static func effortText(_ effort: Double, estimated: Bool) -> String {
        NumberText.decimals(effort) + (estimated ? "" : "*")
    }

    /// `improvement (cadence)`, `improvement (budget)` or `feature`.
    static func kindLabel(_ sprint: PlannedSprint) -> String {
        guard sprint.kind == .improvement else { return "feature" }
        guard let reason = sprint.reason else { return "improvement" }
        return "improvement (\(reason.rawValue))"
    }
}
