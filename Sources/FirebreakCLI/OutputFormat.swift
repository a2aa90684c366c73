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

/// Rows of text under named columns, printed as an aligned table or as CSV.
struct Listing {
    var columns: [String]
    var rows: [[String]]

    /// Long cells are cut on a terminal so that a row stays on one line.
    func table(maxWidth: Int = 60) -> String {
        // The last column is not padded, so it is never cut.
        let cut = rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? Self.truncate(cell, to: .max) : Self.truncate(cell, to: maxWidth)
            }
        }
        var widths = columns.map(\.count)
        for row in cut { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        return ([line(columns.map { $0.uppercased() })] + cut.map(line)).joined(separator: "\n") + "\n"
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

    static func truncate(_ text: String, to width: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= width ? flat : String(flat.prefix(width - 1)) + "…"
    }
}

/// Prints values in the chosen format: JSON from the Encodable values, table and CSV from a listing.
enum Output {
    static func print<T: Encodable>(_ values: T, as option: FormatOption, listing: () -> Listing) throws {
        switch option.format {
        case .json: Swift.print(try JSONText.pretty(values))
        case .table: Swift.print(listing().table(), terminator: "")
        case .csv: Swift.print(listing().csv(raw: option.raw), terminator: "")
        }
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
