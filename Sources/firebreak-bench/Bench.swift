import ArgumentParser
import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO

/// `firebreak-bench`: Firebreak's own figures, each beside a baseline measured in the same run
/// (these machines are noisy, so only ratios mean anything). Build it with `-c release`.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firebreak-bench",
        abstract: "Measure Firebreak against baselines, side by side in one run.",
        discussion: """
            Runs on a fresh database in the test cluster (/tmp/firebreak-test-<uid>, or
            FIREBREAK_TEST_DATABASE_URL). Example:
              swift run -c release firebreak-bench ranking --incidents 20000 --actions 100000 --links 300000
            """,
        subcommands: [
            All.self, Ranking.self, Planning.self, Growth.self, Export.self, ExportProbe.self, Claims.self, Import.self,
            ImportProbe.self, WebBench.self,
        ]
    )
}

/// Timing helpers: alternate the contenders, keep every sample, report medians.
enum Timing {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func measure(_ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try await body()
        return seconds(clock.now - start)
    }
}

/// One row of a benchmark table: Firebreak's figure, its baseline from the same run, and the goal.
struct Figure: Sendable {
    enum Goal: Sendable {
        /// Firebreak over the baseline at most this (time, memory growth).
        case ratioAtMost(Double)
        /// Firebreak over the baseline at least this (throughput).
        case ratioAtLeast(Double)
        /// The value itself at most this (a latency); no baseline.
        case atMost(Double)
    }

    var name: String
    var value: Double
    var unit: String
    var baselineName: String = ""
    var baseline: Double?
    var goal: Goal

    var ratio: Double? { baseline.map { value / $0 } }

    var met: Bool {
        switch goal {
        case .ratioAtMost(let limit): (ratio ?? .infinity) <= limit
        case .ratioAtLeast(let limit): (ratio ?? 0) >= limit
        case .atMost(let limit): value <= limit
        }
    }

    /// A duration in seconds, shown in milliseconds.
    static func time(
        _ name: String, _ seconds: Double, baseline baselineName: String, _ baseline: Double, goal: Goal
    ) -> Figure {
        Figure(
            name: name, value: seconds * 1000, unit: "ms", baselineName: baselineName, baseline: baseline * 1000,
            goal: goal)
    }

    static let header = """
        | case | Firebreak | baseline | ratio | goal | met |
        | --- | --- | --- | --- | --- | --- |
        """

    static func table(_ figures: [Figure]) -> String {
        ([header] + figures.map(\.row)).joined(separator: "\n")
    }

    var row: String {
        func number(_ value: Double) -> String { String(format: value >= 100 ? "%.0f" : "%.1f", value) }
        let shown = "\(number(value)) \(unit)"
        let against = baseline.map { "\(baselineName): \(number($0)) \(unit)" } ?? ""
        let ratioText = ratio.map { String(format: "%.2f", $0) } ?? ""
        let goalText =
            switch goal {
            case .ratioAtMost(let limit): "ratio ≤ \(limit)"
            case .ratioAtLeast(let limit): "ratio ≥ \(limit)"
            case .atMost(let limit): "≤ \(number(limit)) \(unit)"
            }
        return "| \(name) | \(shown) | \(against) | \(ratioText) | \(goalText) | \(met ? "yes" : "**no**") |"
    }
}
