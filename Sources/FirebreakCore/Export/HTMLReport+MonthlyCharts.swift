import Foundation

/// Month by month bars of one measure of ``OutageTrend`` (outage cost, minutes or tickets), the
/// months in which an improvement sprint started shaded behind the bars; and the charts as SVG
/// text for the web app, which draws the report's charts with this same code.
extension HTMLReport {
    /// What a monthly chart counts.
    public enum MonthlyMeasure: String, Sendable, CaseIterable {
        case cost, minutes, tickets

        /// The chart's title, `Outage cost by month`.
        public var title: String {
            switch self {
            case .cost: "Outage cost by month"
            case .minutes: "Outage minutes by month"
            case .tickets: "Support tickets by month"
            }
        }

        var axis: String {
            switch self {
            case .cost: "Outage cost (before decay)"
            case .minutes: "Outage minutes"
            case .tickets: "Support tickets"
            }
        }

        func value(_ month: OutageTrend.Month) -> Double {
            switch self {
            case .cost: month.cost.isFinite ? max(month.cost, 0) : 0
            case .minutes: Double(max(month.outageMinutes, 0))
            case .tickets: Double(max(month.tickets, 0))
            }
        }
    }

    /// The shade behind a month in which an improvement sprint started.
    static let improvementShade = "#fbe4d0"

    static func writeMonthlyChart(
        _ months: [OutageTrend.Month], measure: MonthlyMeasure, to out: inout some TextOutputStream
    ) {
        let height = 320.0
        let left = 86.0, right = chartWidth - 30, top = 52.0, bottom = height - 56
        let values = months.map(measure.value)
        let scale = ChartScale(largest: values.max() ?? 0)
        let id = "chart-month-\(measure.rawValue)"
        openChart(
            id: id, height: height, title: measure.title,
            description: "Bars: \(measure.axis.lowercased()) of the incidents that started in each month, in UTC. "
                + "Shaded: months in which an improvement sprint started.", to: &out)
        writeLegend(
            [
                (.box(costFill), measure.axis),
                (.box(improvementShade, stroke: improvementFill), "Improvement sprint started"),
            ],
            x: left, y: 24, to: &out)
        let band = (right - left) / Double(max(1, months.count))
        for (index, month) in months.enumerated() where !month.improvementSprints.isEmpty {
            out.write(
                rect(x: left + band * Double(index), y: top, width: band, height: bottom - top, fill: improvementShade))
            out.write("<title>")
            HTMLEscaping.write("\(month.month): \(month.improvementSprints.joined(separator: ", "))", to: &out)
            out.write("</title></rect>\n")
        }
        writeValueAxis(scale, left: left, right: right, top: top, bottom: bottom, to: &out)
        out.write(text(measure.axis, x: 20, y: (top + bottom) / 2, class: "axis-label", anchor: "middle", rotate: -90))
        out.write(text("Month (UTC)", x: (left + right) / 2, y: height - 10, class: "axis-label", anchor: "middle"))
        if values.allSatisfy({ $0 <= 0 }) {
            let note = months.isEmpty ? "No incidents yet" : "None in these months"
            writeNote(note, x: (left + right) / 2, y: (top + bottom) / 2, to: &out)
        }
        let every = max(1, Int((56 / band).rounded(.up)))
        let barWidth = min(band * 0.6, 64)
        let labels = values.map(ChartScale.label)
        let showValues = fits(labels, in: band)
        for (index, month) in months.enumerated() {
            let center = left + band * (Double(index) + 0.5)
            let barHeight = scale.fraction(of: values[index]) * (bottom - top)
            out.write(
                rect(
                    x: center - barWidth / 2, y: bottom - barHeight, width: barWidth, height: barHeight, fill: costFill)
            )
            out.write("<title>")
            HTMLEscaping.write(
                "\(month.month): cost \(NumberText.decimals(month.cost)), \(counted(month.incidents, "incident")), "
                    + "\(month.outageMinutes) outage minutes, \(counted(month.tickets, "ticket"))", to: &out)
            out.write("</title></rect>\n")
            if showValues, values[index] > 0 {
                writeBarLabel(labels[index], x: center, top: bottom - barHeight, height: barHeight, to: &out)
            }
            if index % every == 0 {
                out.write(text(month.month, x: center, y: bottom + 18, anchor: "middle"))
            }
        }
        out.write("</svg>\n")
    }

    /// The monthly chart of `measure` as SVG text.
    public static func monthlyChartSVG(_ months: [OutageTrend.Month], measure: MonthlyMeasure) -> String {
        var out = ""
        writeMonthlyChart(months, measure: measure, to: &out)
        return out
    }

    /// The weakness-category Pareto of the report as SVG text.
    public static func categoryChartSVG(_ rows: [OutageCostReport.CategoryRow]) -> String {
        var out = ""
        writeCategoryChart(rows, to: &out)
        return out
    }
}
