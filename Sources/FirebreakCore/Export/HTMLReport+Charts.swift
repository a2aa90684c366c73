import Foundation

/// The inline SVG charts of the report: outage cost by category (a Pareto) and the value the plan
/// addresses per sprint. The sprint calendar is in `HTMLReport+Calendar.swift`, the SVG pieces in
/// `HTMLReport+SVG.swift`.
///
/// Geometry is computed from the data in a 960-unit-wide view box that scales with the page.
/// Empty and all-zero inputs draw the axes with a note instead of bars; `ChartScale` keeps every
/// coordinate finite.
extension HTMLReport {
    static let chartWidth = 960.0
    /// An approximate width of one character of 12px sans-serif text, to fit labels without measuring.
    static let characterWidth = 6.8

    static let costFill = "#3b6ea5"
    static let improvementFill = "#c05621"
    static let featureFill = "#6b8fb8"
    static let lineStroke = "#822727"

    /// Pareto: bars of cost per category, largest first, on the left axis; the cumulative share
    /// as a line on a right-hand 0-100% axis.
    static func writeCategoryChart(_ rows: [OutageCostReport.CategoryRow], to out: inout some TextOutputStream) {
        let left = 86.0, right = chartWidth - 76, top = 60.0, bottom = 300.0
        let band = (right - left) / Double(max(1, rows.count))
        // Category names fit under their bars when the bars are wide; else they are slanted and need more room.
        let horizontal = band >= 90
        let height = bottom + (horizontal ? 60 : 124)
        let costs = rows.map { $0.cost.isFinite ? max($0.cost, 0) : 0 }
        let scale = ChartScale(largest: costs.max() ?? 0)
        openChart(
            id: "chart-categories", height: height, title: "Outage cost by weakness category",
            description: "Bars: outage cost per weakness category, largest first (left axis). "
                + "Line: cumulative share of the total cost (right axis, 0-100%).", to: &out)
        writeLegend(
            [
                (.box(costFill), "Outage cost (bars, left axis)"),
                (.line(lineStroke), "Cumulative share (line, right axis)"),
            ],
            x: left, y: 24, to: &out)
        writeValueAxis(scale, left: left, right: right, top: top, bottom: bottom, to: &out)
        for quarter in 0...4 {
            let y = bottom - Double(quarter) / 4 * (bottom - top)
            out.write(line(x1: right, y1: y, x2: right + 5, y2: y, class: "axis"))
            out.write(text("\(quarter * 25)%", x: right + 8, y: y + 4, class: "tick"))
        }
        out.write(line(x1: right, y1: top, x2: right, y2: bottom, class: "axis"))
        out.write(
            text(
                "Outage cost (undecayed)", x: 20, y: (top + bottom) / 2, class: "axis-label", anchor: "middle",
                rotate: -90))
        out.write(
            text(
                "Cumulative share", x: chartWidth - 14, y: (top + bottom) / 2, class: "axis-label", anchor: "middle",
                rotate: 90))
        out.write(
            text("Weakness category", x: (left + right) / 2, y: height - 10, class: "axis-label", anchor: "middle"))
        if costs.reduce(0, +) <= 0 {
            let note = rows.isEmpty ? "No outage cost recorded" : "All categories cost 0"
            writeNote(note, x: (left + right) / 2, y: (top + bottom) / 2, to: &out)
        }
        let barWidth = min(band * 0.64, 90)
        let showValues = fits(rows.map { ChartScale.label($0.cost) }, in: band)
        let every = max(1, Int((16 / band).rounded(.up)))
        var points: [(x: Double, y: Double, row: OutageCostReport.CategoryRow)] = []
        for (index, row) in rows.enumerated() {
            let center = left + band * (Double(index) + 0.5)
            let barHeight = scale.fraction(of: costs[index]) * (bottom - top)
            out.write(
                rect(
                    x: center - barWidth / 2, y: bottom - barHeight, width: barWidth, height: barHeight, fill: costFill)
            )
            out.write("<title>")
            HTMLEscaping.write(
                "\(row.category): cost \(NumberText.decimals(row.cost)), \(NumberText.percent(row.share)) of the total, "
                    + "\(counted(row.incidents, "incident")), \(counted(row.outageMinutes, "minute")), "
                    + counted(row.tickets, "ticket"), to: &out)
            out.write("</title></rect>\n")
            if showValues {
                writeBarLabel(
                    ChartScale.label(row.cost), x: center, top: bottom - barHeight, height: barHeight, to: &out)
            }
            if index % every == 0 {
                if horizontal {
                    let label = truncated(row.category, to: Int(band / characterWidth) - 1)
                    out.write(text(label, x: center, y: bottom + 18, anchor: "middle"))
                } else {
                    let label = truncated(row.category, to: 20)
                    out.write(text(label, x: center + 4, y: bottom + 14, anchor: "end", rotate: -40))
                }
            }
            let share = row.cumulativeShare.isFinite ? min(max(row.cumulativeShare, 0), 1) : 0
            points.append((center, bottom - share * (bottom - top), row))
        }
        writePolyline(points.map { ($0.x, $0.y) }, to: &out)
        for point in points {
            out.write(circle(x: point.x, y: point.y))
            HTMLEscaping.write(
                "\(point.row.category): \(NumberText.percent(point.row.cumulativeShare)) cumulative", to: &out)
            out.write("</title></circle>\n")
        }
        out.write("</svg>\n")
    }

    /// Bars of the outage cost each sprint's items address, coloured by the sprint's kind, and
    /// the running total as a line, on one axis.
    static func writeValueChart(_ sprints: [PlannedSprint], to out: inout some TextOutputStream) {
        let height = 380.0
        let left = 86.0, right = chartWidth - 30, top = 60.0, bottom = height - 76
        let values = sprints.map { $0.value.isFinite ? max($0.value, 0) : 0 }
        var running = 0.0
        let cumulative = values.map { value -> Double in
            running += value
            return running
        }
        let scale = ChartScale(largest: max(running, values.max() ?? 0))
        openChart(
            id: "chart-value", height: height, title: "Outage cost addressed per sprint",
            description: "Bars: the outage cost (value) of the items planned in each sprint. "
                + "Line: the cumulative value addressed by the end of each sprint.", to: &out)
        writeLegend(
            [
                (.box(improvementFill), "Value, improvement sprint"), (.box(featureFill), "Value, feature sprint"),
                (.line(lineStroke), "Cumulative value"),
            ], x: left, y: 24, to: &out)
        let band = (right - left) / Double(max(1, sprints.count))
        let every = max(1, Int((40 / band).rounded(.up)))
        let showDates = band * Double(every) >= 80
        writeValueAxis(scale, left: left, right: right, top: top, bottom: bottom, to: &out)
        out.write(
            text(
                "Outage cost addressed", x: 20, y: (top + bottom) / 2, class: "axis-label", anchor: "middle",
                rotate: -90))
        let axisLabel = showDates ? "Sprint (start date)" : "Sprint"
        out.write(text(axisLabel, x: (left + right) / 2, y: height - 10, class: "axis-label", anchor: "middle"))
        if running <= 0 {
            let note = sprints.isEmpty ? "No sprints in the plan" : "The plan addresses no outage cost"
            writeNote(note, x: (left + right) / 2, y: (top + bottom) / 2, to: &out)
        }
        let barWidth = min(band * 0.6, 80)
        let showValues = fits(sprints.map { ChartScale.label($0.value) }, in: band)
        var points: [(x: Double, y: Double)] = []
        for (index, sprint) in sprints.enumerated() {
            let center = left + band * (Double(index) + 0.5)
            let barHeight = scale.fraction(of: values[index]) * (bottom - top)
            let fill = sprint.kind == .improvement ? improvementFill : featureFill
            out.write(
                rect(x: center - barWidth / 2, y: bottom - barHeight, width: barWidth, height: barHeight, fill: fill))
            out.write("<title>")
            HTMLEscaping.write(
                "\(sprint.name) (\(kindLabel(sprint))): value \(NumberText.decimals(sprint.value)), "
                    + "\(counted(sprint.items.count, "item")), cumulative \(NumberText.decimals(cumulative[index]))",
                to: &out)
            out.write("</title></rect>\n")
            if showValues {
                writeBarLabel(
                    ChartScale.label(sprint.value), x: center, top: bottom - barHeight, height: barHeight, to: &out)
            }
            if index % every == 0 {
                out.write(
                    text(
                        band >= 80 ? "Sprint \(sprint.number)" : "\(sprint.number)", x: center, y: bottom + 18,
                        anchor: "middle"))
                if showDates {
                    out.write(
                        text(sprint.startsOn.description, x: center, y: bottom + 34, class: "tick", anchor: "middle"))
                }
            }
            points.append((center, bottom - scale.fraction(of: cumulative[index]) * (bottom - top)))
        }
        writePolyline(points, to: &out)
        for (index, point) in points.enumerated() {
            out.write(circle(x: point.x, y: point.y))
            HTMLEscaping.write("\(sprints[index].name): \(NumberText.decimals(cumulative[index])) cumulative", to: &out)
            out.write("</title></circle>\n")
        }
        out.write("</svg>\n")
    }
}
