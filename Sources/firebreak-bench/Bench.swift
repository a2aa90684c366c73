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
        subcommands: [Ranking.self, Planning.self, Export.self, ExportProbe.self, Claims.self]
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

/// A result line, printed as a Markdown table row for BENCHMARKS.md.
struct Figure {
    var name: String
    var value: Double
    var baselineName: String
    var baseline: Double
    var goal: Double

    var ratio: Double { value / baseline }

    static let header = """
        | case | Firebreak | baseline | ratio | goal | met |
        | --- | --- | --- | --- | --- | --- |
        """

    var row: String {
        String(
            format: "| %@ | %.1f ms | %@ %.1f ms | %.2f | ≤ %.1f | %@ |", name, value * 1000, baselineName,
            baseline * 1000, ratio, goal, ratio <= goal ? "yes" : "no")
    }
}
