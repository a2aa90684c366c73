/// The sprint calendar chart: one row per sprint of the plan.
extension HTMLReport {
    static let backlogFill = "#cbd5e0"
    static let backlogStroke = "#718096"
    static let usedFill = "#2c5282"
    static let overFill = "#c53030"
    static let improvementRowFill = "#fdf0e1"

    /// Each sprint's name and dates, its kind (improvement sprints on a tinted row with an orange
    /// tag naming the reason), and its backlog capacity and the points used as two bars on a
    /// shared story-point axis. Used beyond the backlog capacity is drawn in red.
    static func writeCalendarChart(_ sprints: [PlannedSprint], to out: inout some TextOutputStream) {
        let rowHeight = 52.0, top = 70.0
        let height = top + Double(max(1, sprints.count)) * rowHeight + 40
        let barLeft = 440.0, barRight = chartWidth - 60
        let tagLeft = 236.0, tagWidth = 176.0
        let used = sprints.map { $0.used.isFinite ? max($0.used, 0) : 0 }
        let largest = zip(sprints, used).map { max(Double($0.backlogCapacity), $1) }.max() ?? 0
        let scale = ChartScale(largest: largest, integral: true)
        let overCapacity = zip(sprints, used).contains { $1 > Double($0.backlogCapacity) }
        openChart(
            id: "chart-calendar", height: height, title: "Sprint calendar",
            description: "One row per sprint of the plan with its dates and kind; improvement sprints are tinted. "
                + "Bars: the sprint's backlog capacity and the story points the plan uses.", to: &out)
        var legend: [(LegendMark, String)] = [
            (.box(improvementFill), "Improvement sprint"),
            (.box(backlogFill, stroke: backlogStroke), "Backlog capacity"),
            (.box(usedFill), "Used (points planned)"),
        ]
        if overCapacity { legend.append((.box(overFill), "Used beyond backlog capacity")) }
        writeLegend(legend, x: 16, y: 24, to: &out)
        let bottom = top + Double(max(1, sprints.count)) * rowHeight
        out.write(text("Sprint and dates", x: 16, y: top - 10, class: "axis-label"))
        out.write(text("Kind", x: tagLeft, y: top - 10, class: "axis-label"))
        for (index, sprint) in sprints.enumerated() {
            let y = top + Double(index) * rowHeight
            let improvement = sprint.kind == .improvement
            let rowFill = improvement ? improvementRowFill : (index % 2 == 0 ? "#ffffff" : "#f7fafc")
            out.write(rect(x: 0, y: y, width: chartWidth, height: rowHeight, fill: rowFill))
            out.write("</rect>\n")
            if improvement {
                out.write(rect(x: 0, y: y, width: 6, height: rowHeight, fill: improvementFill))
                out.write("</rect>\n")
            }
            out.write(text(truncated(sprint.name, to: 30), x: 16, y: y + 22, class: "name"))
            let days = sprint.startsOn.days(to: sprint.endsOn) + 1
            out.write(text("\(sprint.startsOn) – \(sprint.endsOn) (\(days) days)", x: 16, y: y + 40, class: "tick"))
            out.write(
                rect(
                    x: tagLeft, y: y + 14, width: tagWidth, height: 24, fill: improvement ? improvementFill : "#e2e8f0",
                    rx: 12))
            out.write("</rect>\n")
            out.write(
                text(
                    kindLabel(sprint), x: tagLeft + tagWidth / 2, y: y + 30,
                    class: improvement ? "inside" : "pill-text",
                    anchor: "middle"))
        }
        for tick in scale.ticks {
            let x = barLeft + scale.fraction(of: tick) * (barRight - barLeft)
            out.write(line(x1: x, y1: top - 4, x2: x, y2: bottom, class: tick > 0 ? "grid" : "axis"))
            out.write(text(scale.tickLabel(tick), x: x, y: top - 10, class: "tick", anchor: "middle"))
        }
        for (index, sprint) in sprints.enumerated() {
            let y = top + Double(index) * rowHeight
            let capacity = Double(sprint.backlogCapacity)
            let capacityWidth = scale.fraction(of: capacity) * (barRight - barLeft)
            let usedWidth = scale.fraction(of: used[index]) * (barRight - barLeft)
            out.write(
                rect(x: barLeft, y: y + 9, width: capacityWidth, height: 15, fill: backlogFill, stroke: backlogStroke))
            out.write("<title>")
            HTMLEscaping.write(
                "\(sprint.name): backlog capacity \(sprint.backlogCapacity) of \(NumberText.decimals(sprint.capacity)) points",
                to: &out)
            out.write("</title></rect>\n")
            out.write(text(String(sprint.backlogCapacity), x: barLeft + capacityWidth + 6, y: y + 21, class: "tick"))
            let over = used[index] > capacity
            out.write(rect(x: barLeft, y: y + 28, width: usedWidth, height: 15, fill: over ? overFill : usedFill))
            out.write("<title>")
            HTMLEscaping.write(
                "\(sprint.name): \(NumberText.decimals(sprint.used)) points used, \(counted(sprint.items.count, "item"))",
                to: &out
            )
            out.write("</title></rect>\n")
            out.write(text(NumberText.decimals(sprint.used), x: barLeft + usedWidth + 6, y: y + 40, class: "tick"))
        }
        if sprints.isEmpty {
            out.write(text("No sprints in the plan", x: 16, y: top + rowHeight / 2 + 5, class: "empty"))
        }
        out.write(line(x1: barLeft, y1: bottom, x2: barRight, y2: bottom, class: "axis"))
        out.write(
            text("Story points", x: (barLeft + barRight) / 2, y: height - 12, class: "axis-label", anchor: "middle"))
        out.write("</svg>\n")
    }
}
