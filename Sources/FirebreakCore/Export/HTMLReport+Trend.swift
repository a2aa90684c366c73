import Foundation

/// The monthly cost trend chart: is the firebreak working?
extension HTMLReport {
    /// Bars of each month's outage cost (before decay), and under each month that had an improvement
    /// sprint start in it, an orange mark, so that a cost that falls after the improvement sprints shows.
    static func writeTrendChart(_ months: [OutageTrend.Month], to out: inout some TextOutputStream) {
        let height = 360.0
        let left = 86.0, right = chartWidth - 30, top = 60.0, bottom = height - 64
        let costs = months.map { $0.cost.isFinite ? max($0.cost, 0) : 0 }
        let scale = ChartScale(largest: costs.max() ?? 0)
        openChart(
            id: "chart-trend", height: height, title: "Outage cost by month",
            description: "Bars: the outage cost (before decay) of the incidents that started in each month, in UTC. "
                + "Orange marks: months in which an improvement sprint started.", to: &out)
        writeLegend(
            [(.box(costFill), "Outage cost (before decay)"), (.box(improvementFill), "Improvement sprint started")],
            x: left, y: 24, to: &out)
        writeValueAxis(scale, left: left, right: right, top: top, bottom: bottom, to: &out)
        out.write(
            text("Outage cost", x: 20, y: (top + bottom) / 2, class: "axis-label", anchor: "middle", rotate: -90))
        out.write(text("Month (UTC)", x: (left + right) / 2, y: height - 10, class: "axis-label", anchor: "middle"))
        if costs.allSatisfy({ $0 <= 0 }) {
            let note = months.isEmpty ? "No incidents yet" : "No outage cost in these months"
            writeNote(note, x: (left + right) / 2, y: (top + bottom) / 2, to: &out)
        }
        let band = (right - left) / Double(max(1, months.count))
        let every = max(1, Int((56 / band).rounded(.up)))
        let barWidth = min(band * 0.6, 64)
        let showValues = fits(months.map { ChartScale.label($0.cost) }, in: band)
        for (index, month) in months.enumerated() {
            let center = left + band * (Double(index) + 0.5)
            let barHeight = scale.fraction(of: costs[index]) * (bottom - top)
            out.write(
                rect(
                    x: center - barWidth / 2, y: bottom - barHeight, width: barWidth, height: barHeight, fill: costFill)
            )
            out.write("<title>")
            HTMLEscaping.write(
                "\(month.month): cost \(NumberText.decimals(month.cost)), \(counted(month.incidents, "incident")), "
                    + "\(month.outageMinutes) outage minutes, \(counted(month.tickets, "ticket"))", to: &out)
            out.write("</title></rect>\n")
            if showValues, costs[index] > 0 {
                writeBarLabel(
                    ChartScale.label(month.cost), x: center, top: bottom - barHeight, height: barHeight, to: &out)
            }
            if index % every == 0 {
                out.write(text(month.month, x: center, y: bottom + 18, anchor: "middle"))
            }
            if !month.improvementSprints.isEmpty {
                out.write(
                    rect(x: center - barWidth / 2, y: bottom + 28, width: barWidth, height: 8, fill: improvementFill))
                out.write("<title>")
                HTMLEscaping.write("\(month.month): \(month.improvementSprints.joined(separator: ", "))", to: &out)
                out.write("</title></rect>\n")
            }
        }
        out.write("</svg>\n")
    }
}
