import FirebreakCore
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("HTML report (DESIGN §6)")
struct HTMLReportTests {
    typealias Fixtures = ExportFixtures

    static func render(
        title: String = Fixtures.hostile, plan: Plan = Fixtures.plan,
        categories: [OutageCostReport.CategoryRow] = Fixtures.categories, backlog: [RankedItem] = Fixtures.backlog,
        trend: [OutageTrend.Month] = Fixtures.trend.months
    ) -> String {
        var html = ""
        HTMLReport.write(
            title: title, plan: plan, team: Team(key: "CORE", name: "Core & Platform"), categories: categories,
            backlog: backlog, trend: trend, to: &html)
        return html
    }

    /// A plan with nothing in it.
    static let emptyPlan = Plan(team: "CORE", number: 0, asOf: Fixtures.asOf, sprints: [], unplanned: [], warnings: [])

    /// Sprints without capacity or items, and categories whose incidents cost nothing.
    static let zeroPlan = Planner.plan(
        team: "CORE", asOf: Fixtures.asOf, ranked: [],
        sprints: [
            Fixtures.sprint(24, kind: .improvement, reason: .budget, capacity: 0, backlog: 0),
            Fixtures.sprint(25, kind: .feature, capacity: 0, backlog: 0),
        ], facts: PlanningFacts())
    static let zeroCategories = OutageCostReport.categories(
        [
            IncidentFacts(
                key: "INC-1", startedAt: Fixtures.asOf, outageMinutes: 0, severity: .sev1, detectedBy: .alert,
                tickets: 0,
                categories: ["deploy", "build"])
        ], weights: ScoringWeights(), asOf: Fixtures.asOf)

    /// A month whose only incident cost nothing.
    static let zeroTrend = OutageTrend(
        incidents: [
            IncidentFacts(
                key: "INC-1", startedAt: Fixtures.asOf, outageMinutes: 0, severity: .sev1, detectedBy: .alert,
                tickets: 0)
        ], calendar: Fixtures.calendar, plans: [], doneAt: [:], asOf: Fixtures.asOf)

    /// The three inputs every structural test runs on: a real plan, an empty one, an all-zero one.
    static let pages: [String] = [
        render(),
        render(title: "", plan: emptyPlan, categories: [], backlog: [], trend: []),
        render(title: "Zero", plan: zeroPlan, categories: zeroCategories, backlog: [], trend: zeroTrend.months),
    ]

    // MARK: - Helpers

    static func parse(_ html: String) throws -> XMLDocument {
        try XMLDocument(xmlString: html, options: [])
    }

    /// Every element under `node`, in document order.
    static func elements(_ node: XMLNode) -> [XMLElement] {
        (node.children ?? []).flatMap { child -> [XMLElement] in
            guard let element = child as? XMLElement else { return [] }
            return [element] + elements(element)
        }
    }

    static func name(_ element: XMLElement) -> String { element.localName ?? element.name ?? "" }

    /// The attribute `name` of `element`. (swift-corelibs-foundation's `attribute(forName:)` finds no
    /// attribute on an element in a namespace, and every element here is in XHTML's or SVG's.)
    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { ($0.localName ?? $0.name) == name }?.stringValue
    }

    static func chart(_ id: String, in html: String) throws -> XMLElement {
        let document = try parse(html)
        return try #require(elements(document).first { attribute($0, "id") == id })
    }

    /// The text of every `<text>` of a chart.
    static func texts(of chart: XMLElement) -> [String] {
        elements(chart).filter { name($0) == "text" }.map { $0.stringValue ?? "" }
    }

    // MARK: - Structure

    @Test("the page parses as XML, with a doctype and a UTF-8 charset", arguments: pages.indices)
    func wellFormed(page: Int) throws {
        let html = Self.pages[page]
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.contains("<meta charset=\"utf-8\"/>"))
        let document = try Self.parse(html)
        #expect(document.rootElement().map(Self.name) == "html")
        #expect(Self.elements(document).contains { Self.name($0) == "style" })
    }

    @Test(
        "exactly one chart of each id, an svg of class chart with a title",
        arguments: ["chart-categories", "chart-month-cost", "chart-calendar", "chart-value"])
    func oneChartOfEachID(id: String) throws {
        for html in Self.pages {
            let matches = Self.elements(try Self.parse(html)).filter { Self.attribute($0, "id") == id }
            try #require(matches.count == 1)
            let chart = matches[0]
            #expect(Self.name(chart) == "svg")
            #expect(Self.attribute(chart, "class") == "chart")
            let title = Self.elements(chart).first { Self.name($0) == "title" }
            #expect(title?.stringValue?.isEmpty == false)
        }
    }

    @Test("no script, no event handler, nothing loaded from elsewhere", arguments: pages.indices)
    func selfContained(page: Int) throws {
        let html = Self.pages[page]
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("javascript:"))
        for element in Self.elements(try Self.parse(html)) {
            #expect(
                !["script", "link", "img", "iframe", "object", "embed", "image", "use"].contains(Self.name(element)))
            for attribute in element.attributes ?? [] {
                let name = (attribute.localName ?? attribute.name ?? "").lowercased()
                #expect(!name.hasPrefix("on") && name != "src" && name != "href", "\(name) on \(Self.name(element))")
            }
        }
        #expect(!html.contains("@import") && !html.contains("url("))
    }

    @Test("chart geometry is finite and never negative, whatever the data", arguments: pages.indices)
    func finiteGeometry(page: Int) throws {
        let html = Self.pages[page]
        #expect(!html.contains("NaN") && !html.contains("nan") && !html.contains("inf"))
        try Self.expectFiniteGeometry(html)
    }

    @Test(
        "extreme and non-finite numbers still give finite geometry",
        arguments: [Double.greatestFiniteMagnitude, .leastNonzeroMagnitude, .infinity, -.infinity, .nan, -1000])
    func extremeNumbers(number: Double) throws {
        var plan = Fixtures.plan
        for index in plan.sprints.indices {
            plan.sprints[index].value = number
            plan.sprints[index].used = number
            plan.sprints[index].capacity = number
        }
        var categories = Fixtures.categories
        categories[0].cost = number
        categories[0].share = number
        categories[0].cumulativeShare = number
        var trend = Fixtures.trend.months
        trend[0].cost = number
        try Self.expectFiniteGeometry(Self.render(plan: plan, categories: categories, trend: trend))
    }

    /// Every coordinate and size of every chart is a finite number, and no size is negative.
    static func expectFiniteGeometry(_ html: String) throws {
        let charts = elements(try parse(html)).filter { attribute($0, "class") == "chart" }
        #expect(charts.count == 4)
        for element in charts.flatMap(elements) {
            for key in ["x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "width", "height", "r"] {
                guard let text = attribute(element, key) else { continue }
                let value = try #require(Double(text), "\(key)=\(text)")
                #expect(value.isFinite)
                if ["width", "height", "r"].contains(key) { #expect(value >= 0) }
            }
            for pair in (attribute(element, "points") ?? "").split(separator: " ") {
                #expect(pair.split(separator: ",").allSatisfy { Double($0)?.isFinite == true }, "\(pair)")
            }
        }
    }

    /// The page as committed: the same bytes in every process (no order that hashing decides) and no
    /// change to the page that nobody looked at. `FIREBREAK_UPDATE_GOLDEN=1` writes the file again.
    @Test("a page is the bytes committed in Tests/Fixtures/golden")
    func matchesTheCommittedPage() throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/golden/report.html")
        let html = Self.render()
        if ProcessInfo.processInfo.environment["FIREBREAK_UPDATE_GOLDEN"] == "1" {
            try Data(html.utf8).write(to: golden)
        }
        let committed = try String(contentsOf: golden, encoding: .utf8)
        #expect(html == committed, "the page changed; look at it, then FIREBREAK_UPDATE_GOLDEN=1 swift test")
    }

    // MARK: - Escaping

    @Test("hostile text is escaped everywhere and reads back as written")
    func escapesHostileText() throws {
        let html = Self.render()
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"))
        #expect(html.contains("Core &amp; Platform"))
        let all = Self.elements(try Self.parse(html))
        #expect(all.first { Self.name($0) == "title" }?.stringValue == Fixtures.hostile)
        #expect(all.first { Self.name($0) == "h1" }?.stringValue == Fixtures.hostile)
        let cells = all.filter { Self.name($0) == "td" }.compactMap(\.stringValue)
        #expect(cells.contains(Fixtures.hostile))
        // The hostile category name is a bar's tooltip and, shortened, its label.
        let chart = try Self.chart("chart-categories", in: html)
        let tooltips = Self.elements(chart).filter { Self.name($0) == "title" }.compactMap(\.stringValue)
        #expect(tooltips.contains { $0.hasPrefix(Fixtures.hostile + ": cost ") })
    }

    // MARK: - Charts

    @Test(
        "each chart has its legend, axis labels and tick labels",
        arguments: [
            (
                "chart-categories",
                [
                    "Outage cost (bars, left axis)", "Cumulative share (line, right axis)", "Outage cost (undecayed)",
                    "Cumulative share", "Weakness category", "0%", "50%", "100%", "0", "deploy", "monitoring",
                ]
            ),
            (
                "chart-month-cost",
                [
                    "Outage cost (before decay)", "Improvement sprint started", "Month (UTC)", "0", "2026-10",
                    "2026-11",
                ]
            ),
            (
                "chart-calendar",
                [
                    "Improvement sprint", "Backlog capacity", "Used (points planned)", "Story points", "0",
                    "CORE Sprint 24",
                    "2026-11-23 – 2026-12-06 (14 days)", "improvement (cadence)", "feature",
                ]
            ),
            (
                "chart-value",
                [
                    "Value, improvement sprint", "Value, feature sprint", "Cumulative value", "Outage cost addressed",
                    "Sprint (start date)", "Sprint 24", "2026-11-23", "0",
                ]
            ),
        ])
    func legends(id: String, labels: [String]) throws {
        let texts = Self.texts(of: try Self.chart(id, in: Self.render()))
        for label in labels {
            #expect(texts.contains(label), "\(id) lacks \(label)")
        }
    }

    @Test("the Pareto draws one bar per category, largest first, and the cumulative line ends at 100%")
    func pareto() throws {
        let chart = try Self.chart("chart-categories", in: Self.render())
        let bars = Self.elements(chart).filter { Self.name($0) == "rect" && $0.childCount > 0 }
        #expect(bars.count == Fixtures.categories.count)
        let heights = bars.compactMap { Self.attribute($0, "height").flatMap(Double.init) }
        #expect(heights == heights.sorted(by: >))
        #expect(heights.first.map { $0 > 0 } == true)
        let line = try #require(Self.elements(chart).first { Self.name($0) == "polyline" })
        let points = try #require(Self.attribute(line, "points")).split(separator: " ")
        #expect(points.count == Fixtures.categories.count)
        // The plot's top, where 100% and the largest tick sit, is y = 60.
        #expect(points.last.map { $0.hasSuffix(",60") } == true)
    }

    @Test("bars carry their values only when every value fits its bar")
    func barValueLabels() throws {
        let few = Self.texts(of: try Self.chart("chart-categories", in: Self.render()))
        #expect(Fixtures.categories.allSatisfy { few.contains(NumberText.plain($0.cost)) })
        let many = OutageCostReport.categories(
            (1...40).map {
                IncidentFacts(
                    key: "INC-\($0)", startedAt: Fixtures.asOf, outageMinutes: 1000 + $0, severity: .sev1,
                    detectedBy: .alert, tickets: 0, categories: ["c\($0)"])
            }, weights: ScoringWeights(), asOf: Fixtures.asOf)
        let chart = try Self.chart("chart-categories", in: Self.render(categories: many))
        #expect(Self.elements(chart).filter { Self.name($0) == "rect" && $0.childCount > 0 }.count == 40)
        #expect(!Self.elements(chart).contains { Self.attribute($0, "class") == "inside" })
        #expect(!Self.texts(of: chart).contains("1040"))
    }

    @Test("points used beyond the backlog capacity are drawn red and named in the legend")
    func overCapacity() throws {
        let legend = "Used beyond backlog capacity"
        #expect(!Self.texts(of: try Self.chart("chart-calendar", in: Self.render())).contains(legend))
        let claimed = Fixtures.item("ACT-1", "Claimed", value: 10, effort: 5, claimedBy: "alice")
        let plan = Planner.plan(
            team: "CORE", asOf: Fixtures.asOf, ranked: [claimed],
            sprints: [Fixtures.sprint(25, kind: .feature, capacity: 20, backlog: 2)], facts: PlanningFacts())
        let chart = try Self.chart("chart-calendar", in: Self.render(plan: plan))
        #expect(Self.texts(of: chart).contains(legend))
        let red = Self.elements(chart).filter { Self.name($0) == "rect" && Self.attribute($0, "fill") == "#c53030" }
        #expect(red.count == 2, "the used bar and the legend's box")
    }

    @Test("the calendar marks improvement sprints, with their reason, and draws capacity and use as bars")
    func calendar() throws {
        let chart = try Self.chart("chart-calendar", in: Self.render())
        let texts = Self.texts(of: chart)
        #expect(texts.filter { $0 == "improvement (cadence)" }.count == 1)
        #expect(texts.filter { $0 == "feature" }.count == 2)
        let tooltips = Self.elements(chart).filter { Self.name($0) == "title" }.compactMap(\.stringValue)
        #expect(tooltips.contains("CORE Sprint 24: backlog capacity 38 of 38.4 points"))
        #expect(tooltips.contains("CORE Sprint 25: 3 points used, 1 item"))
        let fills = Self.elements(chart).filter { Self.name($0) == "rect" }.compactMap { Self.attribute($0, "fill") }
        #expect(fills.filter { $0 == "#fdf0e1" }.count == 1, "one tinted improvement row")
    }

    @Test("the value chart has a bar per sprint and a cumulative point per sprint")
    func valueChart() throws {
        let chart = try Self.chart("chart-value", in: Self.render())
        let tooltips = Self.elements(chart).filter { Self.name($0) == "title" }.compactMap(\.stringValue)
        #expect(tooltips.contains("CORE Sprint 24 (improvement (cadence)): value 1882.5, 5 items, cumulative 1882.5"))
        #expect(tooltips.contains("CORE Sprint 26: 1962.5 cumulative"))
        #expect(Self.elements(chart).filter { Self.name($0) == "circle" }.count == 3)
    }

    /// October: INC-7, (95 × 1 + 2 × 40) × 1.5 = 262.5; November: INC-9 and INC-11, 30 × 0.5 + 2 × 5 + 10 × 0.25
    /// = 27.5, and improvement sprint 24 starts on the 23rd.
    @Test("the trend draws one bar per month, as tall as its cost, and marks the improvement sprints' months")
    func trendBars() throws {
        let chart = try Self.chart("chart-month-cost", in: Self.render())
        let rects = Self.elements(chart).filter { Self.name($0) == "rect" && Self.attribute($0, "width") != "14" }
        let titles = rects.map { Self.elements($0).first?.stringValue ?? $0.stringValue ?? "" }
        #expect(
            titles == [
                "2026-11: CORE Sprint 24", "2026-10: cost 262.5, 1 incident, 95 outage minutes, 40 tickets",
                "2026-11: cost 27.5, 2 incidents, 40 outage minutes, 5 tickets",
            ])
        let heights = rects.suffix(2).map { Double(Self.attribute($0, "height") ?? "") ?? -1 }
        #expect(heights[0] > 9 * heights[1] && heights[0] < 10 * heights[1], "262.5 against 27.5: \(heights)")
    }

    @Test("empty and all-zero inputs still render, with a note in place of the data")
    func emptyInputs() throws {
        let empty = Self.pages[1], zero = Self.pages[2]
        #expect(Self.texts(of: try Self.chart("chart-categories", in: empty)).contains("No outage cost recorded"))
        #expect(Self.texts(of: try Self.chart("chart-calendar", in: empty)).contains("No sprints in the plan"))
        #expect(Self.texts(of: try Self.chart("chart-month-cost", in: empty)).contains("No incidents yet"))
        #expect(Self.texts(of: try Self.chart("chart-month-cost", in: zero)).contains("None in these months"))
        #expect(Self.texts(of: try Self.chart("chart-value", in: empty)).contains("No sprints in the plan"))
        #expect(empty.contains("The backlog is empty.") && empty.contains("No warnings."))
        #expect(empty.contains("<h1>CORE plan 0</h1>"), "an empty title falls back to the team and plan number")
        #expect(Self.texts(of: try Self.chart("chart-categories", in: zero)).contains("All categories cost 0"))
        #expect(Self.texts(of: try Self.chart("chart-value", in: zero)).contains("The plan addresses no outage cost"))
        #expect(Self.texts(of: try Self.chart("chart-calendar", in: zero)).contains("improvement (budget)"))
    }

    // MARK: - Tables

    @Test("the backlog table shows every item in rank order, * on unestimated efforts")
    func backlogTable() throws {
        let document = try Self.parse(Self.render())
        let table = try #require(Self.elements(document).first { Self.attribute($0, "class") == "backlog" })
        let rows = Self.elements(table).filter { Self.name($0) == "tr" }.dropFirst().map { row in
            Self.elements(row).filter { Self.name($0) == "td" }.map { $0.stringValue ?? "" }
        }
        #expect(rows.count == Fixtures.backlog.count)
        #expect(rows.map { $0[0] } == Fixtures.backlog.map { String($0.rank) })
        let unestimated = try #require(rows.first { $0[1] == "ACT-2" })
        #expect(
            unestimated == [
                unestimated[0], "ACT-2", Fixtures.hostile, "prevent", "400", "3*", "133.33", "INC-7, INC-9", "",
            ])
        #expect(rows.first { $0[1] == "ACT-5" }?.last == "alice")
    }

    @Test("numbers in tables have at most two decimals")
    func numberFormat() throws {
        let cells = Self.elements(try Self.parse(Self.render())).filter {
            Self.name($0) == "td" && Self.attribute($0, "class") == "num"
        }
        #expect(!cells.isEmpty)
        for cell in cells {
            let text = cell.stringValue ?? ""
            let number = text.hasSuffix("*") ? String(text.dropLast()) : text
            #expect(
                Double(number) != nil && (number.split(separator: ".").dropFirst().first?.count ?? 0) <= 2, "\(text)")
        }
    }

    @Test("the plan tables list each sprint with its items, and the warnings")
    func planTables() throws {
        let html = Self.render()
        let all = Self.elements(try Self.parse(html))
        let sprintRows = all.filter { Self.attribute($0, "class") == "sprints" }.flatMap(Self.elements)
            .filter { Self.name($0) == "tr" }.dropFirst()
        #expect(sprintRows.count == 3)
        #expect(sprintRows.first.map { Self.attribute($0, "class") } == "improvement")
        let itemTables = all.filter { Self.attribute($0, "class") == "items" }
        #expect(itemTables.count == 2, "sprint 26 has no items and no table")
        #expect(html.contains("No items planned."))
        let warnings = all.filter { Self.attribute($0, "class") == "warnings" }.flatMap(Self.elements)
            .filter { Self.name($0) == "li" }
        #expect(warnings.count == Fixtures.plan.warnings.count)
    }

    // MARK: - Streaming

    /// Counts what it is given and keeps only the largest piece's size.
    struct CountingStream: TextOutputStream {
        var writes = 0, octets = 0, largest = 0, rows = 0
        mutating func write(_ string: String) {
            writes += 1
            octets += string.utf8.count
            largest = max(largest, string.utf8.count)
            if string.hasPrefix("</tr>") { rows += 1 }
        }
    }

    /// Counts the items a backlog hands out.
    final class Reads {
        var count = 0
    }

    /// A backlog of `remaining` generated items, as a database cursor hands them out.
    struct Cursor: Sequence, IteratorProtocol {
        var remaining: Int
        let reads: Reads
        mutating func next() -> RankedItem? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            reads.count += 1
            return Fixtures.item("ACT-\(reads.count)", "Item \(reads.count)", value: Double(reads.count), effort: 1)
        }
    }

    @Test("a long backlog streams out in small pieces, read once")
    func streams() {
        var out = CountingStream()
        let reads = Reads()
        HTMLReport.write(
            title: "Big", plan: Fixtures.plan, categories: Fixtures.categories,
            backlog: Cursor(remaining: 20_000, reads: reads), to: &out)
        #expect(reads.count == 20_000, "each item is read once")
        #expect(out.rows >= 20_000)
        #expect(out.octets > 2_000_000)
        #expect(out.largest < 8_000, "the largest piece is \(out.largest) octets")
    }
}
