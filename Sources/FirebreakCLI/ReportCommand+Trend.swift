import ArgumentParser
import FirebreakCore
import FirebreakOperations
import Foundation

extension ReportCommand {
    /// `report trend`: is the firebreak working?
    struct Trend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trend",
            abstract: "Is the firebreak working? Outage cost month by month, and planned against done per sprint.",
            discussion: Help.discussion(
                """
                Per calendar month (UTC): incidents, outage time, tickets and cost before decay, with the improvement sprints that started in it. Then, for each stored plan's sprints that are over: the items and points planned, and how many were done by the sprint's last day. --format json and csv give both parts (csv: a section column, month or sprint).
                """,
                examples: ["firebreak report trend --as-of 2026-11-28"]))
        @OptionGroup var team: TeamOption
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let (team, at) = (self.team, asOf.date)
            let trend = try await global.withOperations { operations in
                try await operations.trend(team: try await team.resolve(with: operations), asOf: at)
            }
            switch output.format {
            case .json: print(try JSONText.pretty(trend))
            case .csv: print(Self.csv(trend).csv(raw: output.raw), terminator: "")
            case .table: print(Self.text(trend, on: .standardOutput()), terminator: "")
            }
        }

        static func months(_ trend: OutageTrend) -> Listing {
            Listing(
                columns: ["month", "incidents", "outage", "tickets", "cost", "improvement sprints"],
                rows: trend.months.map {
                    [
                        $0.month, String($0.incidents), ReportDate.formatMinutes($0.outageMinutes), String($0.tickets),
                        NumberText.fixed($0.cost, 1),
                        $0.improvementSprints.isEmpty ? Listing.nothing : $0.improvementSprints.joined(separator: ", "),
                    ]
                })
        }

        static func sprints(_ trend: OutageTrend) -> Listing {
            Listing(
                columns: ["plan", "sprint", "ends", "kind", "planned", "done", "points", "done %", "not done"],
                rows: trend.sprints.map {
                    [
                        String($0.plan), $0.name, $0.endsOn.description, $0.kind.rawValue, String($0.planned),
                        String($0.done), NumberText.plain($0.doneEffort) + "/" + NumberText.plain($0.plannedEffort),
                        NumberText.fixed($0.doneShare * 100, 0) + "%",
                        $0.notDone.isEmpty ? Listing.nothing : $0.notDone.joined(separator: ","),
                    ]
                })
        }

        /// Both tables under their titles; fitted to a terminal's width, whole when piped.
        static func text(_ trend: OutageTrend, on screen: Screen = Screen(width: nil, colour: false)) -> String {
            var out =
                "Outage cost by month for \(trend.team) as of \(ISO8601Format.string(trend.asOf)) (before decay)\n"
            out +=
                trend.months.isEmpty
                ? "No incidents yet.\n" : "\n" + months(trend).table(width: screen.width, bold: screen.bold)
            out += "\nPlanned against done, sprints that are over\n"
            out +=
                trend.sprints.isEmpty
                ? "No stored plan has a sprint that is over yet.\n"
                : "\n" + sprints(trend).table(width: screen.width, bold: screen.bold)
            return out
        }

        /// Both parts in one table: the month columns, then the sprint columns, a row filling its own.
        static func csv(_ trend: OutageTrend) -> Listing {
            let (m, s) = (months(trend), sprints(trend))
            let blankM = Array(repeating: Listing.nothing, count: m.columns.count)
            let blankS = Array(repeating: Listing.nothing, count: s.columns.count)
            return Listing(
                columns: ["section"] + m.columns + s.columns.map { $0 == "sprint" ? "sprint" : "sprint " + $0 },
                rows: m.rows.map { ["month"] + $0 + blankS } + s.rows.map { ["sprint"] + blankM + $0 })
        }
    }
}
