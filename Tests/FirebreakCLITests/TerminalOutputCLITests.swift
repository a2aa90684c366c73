import FirebreakTesting
import Foundation
import Testing

@testable import FirebreakCLI

/// Listings as `gh` prints them: on a terminal a table that fits its width (the title gives way
/// first), bold headers unless `NO_COLOR`; piped, tab-separated lines with nothing cut.
@Suite("Command line: output that suits the terminal")
struct TerminalOutputCLITests {
    struct Case: Sendable, CustomTestStringConvertible {
        var natural: [Int]
        var columns: [String]
        var width: Int
        var expected: [Int]
        var testDescription: String { "\(natural) into \(width)" }
    }

    @Test(arguments: [
        // Fits already: unchanged.
        Case(natural: [4, 6, 20], columns: ["rank", "key", "title"], width: 80, expected: [4, 6, 20]),
        // The title gives up what is too much, and no more.
        Case(natural: [4, 6, 60, 8], columns: ["rank", "key", "title", "kind"], width: 70, expected: [4, 6, 46, 8]),
        // The title stops at 20; then the next prose column (incidents) gives way; then the title again.
        Case(natural: [30, 6, 60], columns: ["incidents", "key", "title"], width: 40, expected: [10, 6, 20]),
        Case(natural: [30, 6, 60], columns: ["incidents", "key", "title"], width: 30, expected: [9, 6, 11]),
        // Nothing narrower than a header: the table is as narrow as it can be and no narrower.
        Case(natural: [9, 9], columns: ["aaaaaaaaa", "bbbbbbbbb"], width: 5, expected: [9, 9]),
    ])
    func columnsShrinkTitleFirst(_ c: Case) {
        #expect(Listing.fit(c.natural, columns: c.columns, into: c.width) == c.expected)
    }

    /// A narrow terminal leaves out the droppable columns, in order, until the title reads.
    @Test func droppableColumnsGoBeforeTheTitleIsUnreadable() {
        let columns = ["rank", "key", "title", "value", "effort", "priority"]
        let natural = [4, 6, 60, 8, 6, 8]
        let drop = ["value", "effort"]
        #expect(Listing.layout(natural, columns: columns, dropping: drop, into: 120).kept == [0, 1, 2, 3, 4, 5])
        #expect(Listing.layout(natural, columns: columns, dropping: drop, into: 62).kept == [0, 1, 2, 3, 4, 5])
        #expect(Listing.layout(natural, columns: columns, dropping: drop, into: 60).kept == [0, 1, 2, 4, 5])
        #expect(Listing.layout(natural, columns: columns, dropping: drop, into: 52).kept == [0, 1, 2, 4, 5])
        #expect(Listing.layout(natural, columns: columns, dropping: drop, into: 44).kept == [0, 1, 2, 5])
        #expect(Listing.layout(natural, columns: columns, dropping: drop, into: 44).widths == [4, 6, 20, 8])
    }

    @Test func tableAndTabSeparatedFromOneListing() {
        let listing = Listing(
            columns: ["key", "title", "claimant"],
            rows: [["ACT-1", "Alert on the queue age\nbefore it grows", "-"], ["ACT-22", "Runbook", "amara"]])
        #expect(listing.table(width: 24) == "KEY     TITLE   CLAIMANT\nACT-1   Alert…  -\nACT-22  Runbo…  amara\n")
        #expect(listing.table().contains("Alert on the queue age before it grows  -\n"))
        #expect(listing.tabSeparated() == "ACT-1\tAlert on the queue age before it grows\t\nACT-22\tRunbook\tamara\n")
        #expect(listing.render(on: Screen(width: nil, colour: true)) == listing.tabSeparated())
        #expect(listing.render(on: Screen(width: 80, colour: true)).hasPrefix("\u{1B}[1mKEY"))
        #expect(!listing.render(on: Screen(width: 80, colour: false)).contains("\u{1B}"))
        #expect(Screen.colourAllowed([:]) && !Screen.colourAllowed(["NO_COLOR": "1"]))
        #expect(!Screen.colourAllowed(["TERM": "dumb"]))
    }

    /// The backlog of a team with long titles, through a pseudo-terminal of 80 and of 200 columns,
    /// and through a pipe.
    @Test func backlogFitsTheTerminalAndPipesTabSeparated() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            let title = "Page on-call when the booking API 5xx rate is above 2% for five minutes running"
            for n in 1...3 {
                let added = try cli.run(["action", "add", "\(title) (\(n))", "--team", "CORE", "--estimate", "2"])
                #expect(added.status == 0, "\(added.stderr)")
            }

            func onTerminal(columns: Int, environment: [String: String] = [:]) throws -> [String] {
                var terminal = cli
                terminal.executableOverride = URL(fileURLWithPath: "/usr/bin/script")
                terminal.environment = environment.merging(["TERM": "xterm", "NO_COLOR": ""]) { given, _ in given }
                let command = "stty cols \(columns) rows 40; exec \(CLIRunner.executable.path) backlog --team CORE"
                let shown = try terminal.run(["-qec", command, "/dev/null"])
                #expect(shown.status == 0, "\(shown.stdout)")
                return shown.stdout.split(separator: "\r\n").map(String.init)
            }
            func visible(_ line: String) -> String {
                line.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
            }

            let narrow = try onTerminal(columns: 80)
            #expect(narrow.count == 4, "\(narrow)")
            #expect(narrow.allSatisfy { visible($0).count <= 80 }, "\(narrow.map { visible($0).count })")
            #expect(narrow.dropFirst().allSatisfy { $0.contains("…") }, "\(narrow)")
            #expect(narrow[0].hasPrefix("\u{1B}[1mRANK"), "\(narrow[0])")

            let wide = try onTerminal(columns: 200)
            #expect(wide.dropFirst().allSatisfy { $0.contains(title) && !$0.contains("…") }, "\(wide)")

            let plain = try onTerminal(columns: 80, environment: ["NO_COLOR": "1"])
            #expect(!plain.joined().contains("\u{1B}"), "\(plain)")

            let piped = try cli.run(["backlog", "--team", "CORE"])
            let lines = piped.stdout.split(separator: "\n")
            #expect(lines.count == 3, "no header, one line per item: \(piped.stdout)")
            #expect(lines.allSatisfy { $0.contains("\t\(title) (") && !$0.contains("…") }, "\(piped.stdout)")
        }
    }
}
