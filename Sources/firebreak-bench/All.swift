import ArgumentParser
import Foundation

/// Every benchmark case in one run, and one table of them with the machine it ran on.
struct All: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every case (ranking, planning, growth, export, claims, import, web) and print one table.",
        discussion: """
            --scale issue runs the sizes the issues set (about 30 minutes); --scale smoke runs tiny ones,
            to check that every case still runs (CI does this; its figures mean nothing).
            --write FILE puts the table into FILE between the lines "<!-- firebreak-bench all -->" and
            "<!-- end firebreak-bench all -->", which must be there already.
            Example: .build/release/firebreak-bench all --write BENCHMARKS.md
            """)

    enum Scale: String, ExpressibleByArgument, CaseIterable {
        case smoke, issue
    }

    @Option(help: "smoke or issue.") var scale = Scale.issue
    @Option(help: "The firebreak executable (a release build for real figures).") var firebreak =
        ".build/release/firebreak"
    @Option(help: "A Markdown file to write the table into, between its markers.") var write: String?

    func run() async throws {
        let issue = scale == .issue
        let wrk = FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk")
        var figures: [Figure] = []
        figures += try await Ranking.measure(
            incidents: issue ? 20_000 : 200, actions: issue ? 100_000 : 1_000, links: issue ? 300_000 : 3_000,
            runs: issue ? 7 : 2)
        figures += try await Planning.measure(
            incidents: issue ? 20_000 : 200, actions: issue ? 100_000 : 1_000, links: issue ? 300_000 : 3_000,
            runs: issue ? 5 : 1)
        figures += try await Growth.measure(actions: issue ? 100_000 : 1_000, runs: issue ? 3 : 1)
        figures += try await Export.measure(
            actions: issue ? 100_000 : 1_000, sizes: issue ? [100_000, 1_000_000] : [1_000, 2_000],
            runs: issue ? 3 : 1, firebreak: firebreak)
        figures += try await Claims.measure(
            connections: issue ? 16 : 4, seconds: issue ? 10 : 1, runs: issue ? 2 : 1, firebreak: firebreak,
            load: wrk ? "wrk" : "swift", serverLog: "/dev/null")
        figures += try await Import.measureReports(issue ? 10_000 : 50, runs: issue ? 3 : 1, firebreak: firebreak)
        figures += try await Import.measureJira(
            issue ? 100_000 : 500, memorySizes: issue ? [10_000, 100_000] : [200, 500], runs: issue ? 3 : 1,
            firebreak: firebreak)
        figures += try await WebBench.measure(
            requests: issue ? 200 : 5, warmup: issue ? 20 : 1, incidents: issue ? 20_000 : 200,
            actions: issue ? 100_000 : 1_000, links: issue ? 300_000 : 3_000, runs: issue ? 7 : 1, firebreak: firebreak)
        let table = Self.machine() + "\n\n" + Figure.table(figures)
        print(table)
        if let write { try Self.write(table, into: write) }
    }

    static let start = "<!-- firebreak-bench all -->"
    static let end = "<!-- end firebreak-bench all -->"

    static func write(_ table: String, into path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let from = text.range(of: start), let to = text.range(of: end), from.upperBound <= to.lowerBound else {
            throw ValidationError("\(path) has no \"\(start)\" … \"\(end)\" section to write into")
        }
        let updated = text.replacingCharacters(in: from.upperBound..<to.lowerBound, with: "\n" + table + "\n")
        try updated.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The machine, for the record: CPU, cores, memory, kernel, and when.
    static func machine() -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?
            .trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let kib =
            meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }?.split(separator: " ")
            .compactMap { Int($0) }.first ?? 0
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let date = ISO8601DateFormatter().string(from: Date())
        return "Machine: \(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
            + "\(kib / 1_048_576) GiB, Linux \(release); run \(date)."
    }
}
