import ArgumentParser
import FirebreakCore
import Foundation

/// `--format table|json|csv` for every listing.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

struct FormatOption: ParsableArguments {
    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Flag(help: "With --format csv, write cells exactly as stored: no quote before a leading =, +, -, @.")
    var raw = false
}

/// Rows of text under named columns, printed as an aligned table, as tab-separated lines or as CSV.
struct Listing {
    var columns: [String]
    var rows: [[String]]
    /// Columns a narrow terminal leaves out, in this order, while the title would be cut below
    /// `readableTitle` characters; CSV, JSON and piped output always have them.
    var droppable: [String] = []

    /// The listing as the screen wants it: on a terminal an aligned table that fits its width, with
    /// a bold header when colour is allowed; piped, tab-separated lines with nothing cut and no
    /// header, as `gh` prints them.
    func render(on screen: Screen) -> String {
        guard let width = screen.width else { return tabSeparated() }
        return table(width: width, bold: screen.bold)
    }

    /// An aligned table with a header. With a `width`, long cells are cut (ending in `…`) so that
    /// every line fits it (see `layout`); without one, nothing is cut.
    func table(width: Int? = nil, bold: (String) -> String = { $0 }) -> String {
        let flat = rows.map { $0.map(Self.flatten) }
        var natural = columns.map(\.count)
        for row in flat { for (i, cell) in row.enumerated() { natural[i] = max(natural[i], cell.count) } }
        let (kept, widths) =
            width.map { Self.layout(natural, columns: columns, dropping: droppable, into: $0) }
            ?? (Array(columns.indices), natural)
        func line(_ cells: [String]) -> String {
            kept.enumerated().map { n, i in
                let cut = Self.truncate(cells[i], to: widths[n])
                return n == kept.count - 1 ? cut : cut.padding(toLength: widths[n], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        let header = bold(line(columns.map { $0.uppercased() }))
        return ([header] + flat.map(line)).joined(separator: "\n") + "\n"
    }

    /// How many characters of a title still read as one.
    static let readableTitle = 20

    /// The columns to show and their widths, for a table `total` characters wide: all of them when
    /// the title keeps `readableTitle` characters (or all it has), else without the droppable ones,
    /// one at a time, until it does.
    static func layout(
        _ natural: [Int], columns: [String], dropping droppable: [String], into total: Int
    )
        -> (kept: [Int], widths: [Int])
    {
        var kept = Array(columns.indices)
        var dropped = droppable.compactMap { columns.firstIndex(of: $0) }[...]
        while true {
            let widths = fit(kept.map { natural[$0] }, columns: kept.map { columns[$0] }, into: total)
            let title = kept.firstIndex { columns[$0] == "title" }
            let readable = title.map { widths[$0] >= min(natural[kept[$0]], readableTitle) } ?? true
            guard !readable, let next = dropped.popFirst() else { return (kept, widths) }
            kept.removeAll { $0 == next }
        }
    }

    /// Columns that hold prose, in the order they give up width on a narrow terminal, after the title.
    static let elastic = ["incidents", "actions", "message", "details", "description", "value", "why", "name"]

    /// Column widths that fit `total` with two spaces between columns: the title gives way first, to
    /// `readableTitle`; then the other prose columns, to 8 or their header; then the title again, to
    /// 8; then the widest of the rest, to their header (or 3).
    static func fit(_ natural: [Int], columns: [String], into total: Int) -> [Int] {
        var widths = natural
        func excess() -> Int { widths.reduce(0, +) + 2 * (widths.count - 1) - total }
        func shrink(_ i: Int, to floor: Int) {
            guard excess() > 0 else { return }
            widths[i] = max(min(widths[i], floor), widths[i] - excess())
        }
        let title = columns.firstIndex(of: "title")
        if let title { shrink(title, to: readableTitle) }
        for i in elastic.compactMap({ columns.firstIndex(of: $0) }) { shrink(i, to: max(columns[i].count, 8)) }
        if let title { shrink(title, to: 8) }
        let floors = columns.map { max($0.count, 3) }
        while excess() > 0 {
            guard let i = widths.indices.filter({ widths[$0] > floors[$0] }).max(by: { widths[$0] < widths[$1] })
            else { break }
            widths[i] -= 1
        }
        return widths
    }

    /// One line per row, cells separated by tabs, nothing cut; a cell with nothing in it is empty.
    func tabSeparated() -> String {
        rows.map { row in
            row.map { $0 == Self.nothing ? "" : Self.flatten($0).replacingOccurrences(of: "\t", with: " ") }
                .joined(separator: "\t") + "\n"
        }.joined()
    }

    /// Cells a spreadsheet would run as a formula get a leading `'` unless `raw` (the Jira CSV's
    /// rule), and a cell the table shows as `-` (nothing there) is empty.
    func csv(raw: Bool = false) -> String {
        let cells = rows.map { row in
            row.map { $0 == Self.nothing ? "" : raw ? $0 : JiraCSVWriter.neutralise($0) }
        }
        return ([columns] + cells).map { CSVField.row($0) }.joined()
    }

    /// What a table shows in a cell with no value.
    static let nothing = "-"

    /// `text` on one line: its line breaks become spaces.
    static func flatten(_ text: String) -> String {
        text.contains(where: \.isNewline) ? text.split(whereSeparator: \.isNewline).joined(separator: " ") : text
    }

    /// `text` cut to `width` characters, the last of them `…`.
    static func truncate(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }
}

/// Prints values in the chosen format: JSON from the Encodable values, table and CSV from a listing.
enum Output {
    static func print<T: Encodable>(_ values: T, as option: FormatOption, listing: () -> Listing) throws {
        if option.format == .json {
            Swift.print(try JSONText.pretty(values))
        } else {
            print(listing(), as: option)
        }
    }

    /// `listing` as a table fitted to standard output, or as CSV; JSON is the caller's to write.
    static func print(_ listing: Listing, as option: FormatOption) {
        let text = option.format == .csv ? listing.csv(raw: option.raw) : listing.render(on: .standardOutput())
        Swift.print(text, terminator: "")
    }
}

/// JSON as Firebreak writes it: camelCase keys sorted, dates in ISO 8601.
enum JSONText {
    static func pretty<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601Format.string(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
