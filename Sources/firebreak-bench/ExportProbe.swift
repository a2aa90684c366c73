import ArgumentParser
import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation

/// Where the export's time goes: reading the rows alone, then reading and formatting them.
struct ExportProbe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-probe", abstract: "Split the Jira export's time into reading and formatting.")
    @Option var actions = 100_000

    func run() async throws {
        let actions = self.actions
        try await TestDatabase.withFresh { fresh in
            let plan = try await Export.prepare(fresh.database, actions: actions)
            let store = ExportStore(database: fresh.database)
            var count = 0
            let before = Self.residentMiB()
            let read = try await Timing.measure {
                try await store.items(team: SyntheticTeam.key, plan: plan, includeBacklog: true, shape: { _ in }) { _ in
                    count += 1
                }
            }
            let afterRead = Self.residentMiB()
            let writer = JiraCSVWriter(options: JiraCSVOptions(), labelColumns: 8, componentColumns: 4)
            var out = NullStream()
            let both = try await Timing.measure {
                try await store.items(team: SyntheticTeam.key, plan: plan, includeBacklog: true, shape: { _ in }) {
                    writer.writeItem($0, id: 1, parent: nil, priority: "High", to: &out)
                }
            }
            print(String(format: "%d rows: read %.2f s, read and format %.2f s", count, read, both))
            let cli = try Export.spawn(
                ".build/release/firebreak", Export.exportArguments, url: fresh.url, sampling: true)
            print("CLI export: \(cli.peakKiB / 1024) MiB peak, \(cli.seconds) s")
            print("resident MiB: before \(before), after reading \(afterRead), after formatting \(Self.residentMiB())")
        }
    }

    /// Resident memory now, from /proc/self/statm.
    static func residentMiB() -> Int {
        let text = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "0 0"
        let pages = Int(text.split(separator: " ")[1]) ?? 0
        return pages * 4096 / (1 << 20)
    }

    struct NullStream: TextOutputStream {
        var bytes = 0
        mutating func write(_ string: String) { bytes += string.utf8.count }
    }
}
