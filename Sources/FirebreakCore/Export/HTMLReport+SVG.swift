import Foundation

/// The SVG pieces the charts are drawn with: the chart element, legends, axes, bars' labels and
/// the elements themselves, every coordinate finite and every text escaped.
extension HTMLReport {
    /// A mark in a legend: a filled box (bars) or a short line.
    enum LegendMark {
        case box(String, stroke: String? = nil)
        case line(String)
    }

    /// `<svg>` with its id, class `chart`, a view box `chartWidth` wide, a `<title>` and a `<desc>`.
    static func openChart(
        id: String, height: Double, title: String, description: String, to out: inout some TextOutputStream
    ) {
        out.write("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"chart\" ")
        out.write(
            "viewBox=\"0 0 \(px(chartWidth)) \(px(height))\" width=\"\(px(chartWidth))\" height=\"\(px(height))\" ")
        out.write("role=\"img\" aria-labelledby=\"\(id)-title\" aria-describedby=\"\(id)-desc\">\n")
        out.write("<title id=\"\(id)-title\">")
        HTMLEscaping.write(title, to: &out)
        out.write("</title>\n<desc id=\"\(id)-desc\">")
        HTMLEscaping.write(description, to: &out)
        out.write("</desc>\n")
    }

    /// The legend in one row from (`x`, `y`), each entry as wide as its label.
    static func writeLegend(
        _ entries: [(LegendMark, String)], x: Double, y: Double, to out: inout some TextOutputStream
    ) {
        var position = x
        out.write("<g class=\"legend\">\n")
        for (mark, label) in entries {
            switch mark {
            case .box(let fill, let stroke):
                out.write(rect(x: position, y: y - 10, width: 14, height: 14, fill: fill, stroke: stroke))
                out.write("</rect>\n")
            case .line(let stroke):
                out.write(line(x1: position, y1: y - 3, x2: position + 14, y2: y - 3, stroke: stroke, width: 2.5))
            }
            out.write(text(label, x: position + 20, y: y + 2))
            position += 20 + Double(label.count) * characterWidth + 24
        }
        out.write("</g>\n")
    }

    /// Gridlines, tick labels and the axis lines of a left-hand value axis and the baseline.
    static func writeValueAxis(
        _ scale: ChartScale, left: Double, right: Double, top: Double, bottom: Double,
        to out: inout some TextOutputStream
    ) {
        for tick in scale.ticks {
            let y = bottom - scale.fraction(of: tick) * (bottom - top)
            if tick > 0 { out.write(line(x1: left, y1: y, x2: right, y2: y, class: "grid")) }
            out.write(line(x1: left - 5, y1: y, x2: left, y2: y, class: "axis"))
            out.write(text(scale.tickLabel(tick), x: left - 8, y: y + 4, class: "tick", anchor: "end"))
        }
        out.write(line(x1: left, y1: top, x2: left, y2: bottom, class: "axis"))
        out.write(line(x1: left, y1: bottom, x2: right, y2: bottom, class: "axis"))
    }

    /// Whether every one of `labels` fits in a band `band` wide: bars are labelled all or none.
    static func fits(_ labels: [String], in band: Double) -> Bool {
        let widest = labels.map(\.count).max() ?? 0
        return band >= Double(widest) * characterWidth + 6
    }

    /// A bar's value: inside its top when the bar is tall enough, else just above it.
    static func writeBarLabel(
        _ label: String, x: Double, top: Double, height: Double, to out: inout some TextOutputStream
    ) {
        if height >= 22 {
            out.write(text(label, x: x, y: top + 15, class: "inside", anchor: "middle"))
        } else {
            out.write(text(label, x: x, y: top - 5, anchor: "middle"))
        }
    }

    /// A note in place of the data (`No sprints in the plan`), on white so that gridlines do not cross it.
    static func writeNote(_ note: String, x: Double, y: Double, to out: inout some TextOutputStream) {
        let width = Double(note.count) * 8 + 24
        out.write(rect(x: x - width / 2, y: y - 18, width: width, height: 28, fill: "#fff"))
        out.write("</rect>\n")
        out.write(text(note, x: x, y: y + 1, class: "empty", anchor: "middle"))
    }

    /// The line through `points`, when there are any.
    static func writePolyline(_ points: [(x: Double, y: Double)], to out: inout some TextOutputStream) {
        guard !points.isEmpty else { return }
        out.write("<polyline fill=\"none\" stroke=\"\(lineStroke)\" stroke-width=\"2.5\" points=\"")
        out.write(points.map { "\(px($0.x)),\(px($0.y))" }.joined(separator: " "))
        out.write("\"/>\n")
    }

    /// A coordinate with at most one decimal; 0 for a value that is not finite.
    static func px(_ value: Double) -> String {
        value.isFinite ? NumberText.decimals(value, places: 1) : "0"
    }

    /// An open `<rect>`, so that a `<title>` tooltip can follow; the caller closes it.
    static func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, rx: Double = 0
    ) -> String {
        var element = "<rect x=\"\(px(x))\" y=\"\(px(y))\" width=\"\(px(max(width, 0)))\" "
        element += "height=\"\(px(max(height, 0)))\" fill=\"\(fill)\""
        if let stroke { element += " stroke=\"\(stroke)\"" }
        if rx > 0 { element += " rx=\"\(px(rx))\"" }
        return element + ">"
    }

    /// An open `<circle>` of the cumulative line with an open `<title>`: the caller writes the text and closes both.
    static func circle(x: Double, y: Double) -> String {
        "<circle cx=\"\(px(x))\" cy=\"\(px(y))\" r=\"4\" fill=\"#fff\" stroke=\"\(lineStroke)\" stroke-width=\"2\"><title>"
    }

    static func line(
        x1: Double, y1: Double, x2: Double, y2: Double, class name: String? = nil, stroke: String? = nil,
        width: Double? = nil
    ) -> String {
        var element = "<line x1=\"\(px(x1))\" y1=\"\(px(y1))\" x2=\"\(px(x2))\" y2=\"\(px(y2))\""
        if let name { element += " class=\"\(name)\"" }
        if let stroke { element += " stroke=\"\(stroke)\"" }
        if let width { element += " stroke-width=\"\(px(width))\"" }
        return element + "/>\n"
    }

    /// A `<text>` with `content` escaped; `anchor` is `start`, `middle` or `end`; `rotate` in degrees about (x, y).
    static func text(
        _ content: String, x: Double, y: Double, class name: String? = nil, anchor: String = "start",
        rotate: Double? = nil
    ) -> String {
        var element = "<text x=\"\(px(x))\" y=\"\(px(y))\""
        if let name { element += " class=\"\(name)\"" }
        if anchor != "start" { element += " text-anchor=\"\(anchor)\"" }
        if let rotate { element += " transform=\"rotate(\(px(rotate)) \(px(x)) \(px(y)))\"" }
        return element + ">" + HTMLEscaping.escaped(content) + "</text>\n"
    }

    /// `text` cut to at most `count` characters, an ellipsis marking the cut.
    static func truncated(_ text: String, to count: Int) -> String {
        guard text.count > count else { return text }
        guard count >= 2 else { return String(text.prefix(max(count, 0))) }
        return String(text.prefix(count - 1)) + "…"
    }
}
