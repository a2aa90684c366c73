import ArgumentParser
import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The Jira CSV export of a whole backlog against PostgreSQL's own COPY of the same rows,
/// and the exporter's peak memory at two sizes.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Jira CSV export vs. COPY (SELECT the same rows) TO STDOUT WITH CSV (goal ≤ 1.5), and peak memory.",
        discussion: """
            Runs the real `firebreak export jira-csv --include-backlog` (build it with -c release first) and
            `psql -c "COPY (...) TO STDOUT WITH CSV"`, both writing to /dev/null. Peak memory is the
            exporter's own peak resident set (VmHWM from /proc, sampled), at each of --sizes.
            """)

    @Option(help: "Rows for the speed comparison.") var actions = 100_000
    @Option(help: "Sizes for the memory comparison, comma-separated.") var sizes = "100000,1000000"
    @Option(help: "Timed rounds (after a warm-up).") var runs = 3
    @Option(help: "The firebreak executable.") var firebreak = ".build/release/firebreak"

    func run() async throws {
        let sizes = sizes.split(separator: ",").compactMap { Int($0) }
        print(Figure.table(try await Self.measure(actions: actions, sizes: sizes, runs: runs, firebreak: firebreak)))
    }

    static func measure(actions: Int, sizes: [Int], runs: Int, firebreak: String) async throws -> [Figure] {
        guard FileManager.default.isExecutableFile(atPath: firebreak) else {
            throw ValidationError("\(firebreak) is missing: swift build -c release --product firebreak")
        }
        var figures: [Figure] = []
        figures.append(
            try await TestDatabase.withFresh { fresh in
                let plan = try await Self.prepare(fresh.database, actions: actions)
                var ours: [Double] = []
                var copy: [Double] = []
                for round in 0...runs {
                    let a = try Self.spawn(firebreak, Self.exportArguments, url: fresh.url).seconds
                    let b = try Self.spawn(
                        "/usr/bin/psql", ["-X", "-q", "-d", fresh.url, "-c", Self.copySQL(plan: plan)], url: fresh.url
                    ).seconds
                    if round > 0 {
                        ours.append(a)
                        copy.append(b)
                    }
                }
                return Figure.time(
                    "Jira CSV of \(actions) items", Timing.median(ours), baseline: "COPY … WITH CSV",
                    Timing.median(copy), goal: .ratioAtMost(1.5))
            })
        var peaks: [(Int, Int)] = []
        for size in sizes {
            let peak = try await TestDatabase.withFresh { fresh in
                _ = try await Self.prepare(fresh.database, actions: size)
                return try Self.spawn(firebreak, Self.exportArguments, url: fresh.url, sampling: true).peakKiB
            }
            print("peak resident memory exporting \(size) rows: \(peak / 1024) MiB")
            peaks.append((size, peak))
        }
        if peaks.count == 2 {
            figures.append(
                Figure(
                    name: "peak memory of the Jira CSV export, \(peaks[1].0) rows", value: Double(peaks[1].1) / 1024,
                    unit: "MiB", baselineName: "\(peaks[0].0) rows", baseline: Double(peaks[0].1) / 1024,
                    goal: .ratioAtMost(1.2)))
        }
        return figures
    }

    static let exportArguments = [
        "export", "jira-csv", "--team", SyntheticTeam.key, "--include-backlog", "-o", "/dev/null",
    ]

    /// A synthetic team of `actions` items and a stored 6-sprint plan; returns the plan's number.
    static func prepare(_ db: Database, actions: Int) async throws -> Int {
        try await SyntheticTeam.create(in: db, incidents: 20_000, actions: actions, links: actions * 3)
        try await SyntheticTeam.addEngineers(8, to: db)
        return try await PlanStore(database: db).generate(
            team: SyntheticTeam.key, asOf: SyntheticTeam.asOf, horizon: 6, actor: "bench"
        ).number
    }

    /// The exporter's own query, with its three parameters written in as constants.
    static func copySQL(plan: Int) -> String {
        let rows = ExportStore.rowsSQL.replacingOccurrences(of: "$1", with: "'\(SyntheticTeam.key)'")
            .replacingOccurrences(of: "$2", with: String(plan)).replacingOccurrences(of: "$3", with: "true")
        return "COPY (\(ExportStore.itemsSelect)\n\(rows)\n\(ExportStore.orderSQL)) TO STDOUT WITH CSV"
    }

    struct Run {
        var seconds: Double
        /// The child's own peak resident set (`VmHWM`), when asked for; 0 otherwise.
        var peakKiB: Int
    }

    /// Runs a program with its output to /dev/null; returns its wall time and, with `sampling`,
    /// its peak memory.
    ///
    /// Peak memory is the child's `VmHWM`, read from /proc every 5 ms while it runs (the mark only
    /// rises, so the last reading misses at most the final 5 ms). Not `wait4`'s `ru_maxrss`:
    /// `posix_spawn` starts the child in the parent's address space (`CLONE_VM`), and Linux
    /// carries that address space's high-water mark into the child's `maxrss` at exec, so the
    /// figure would be the benchmark's own memory, which grows with the data it made.
    static func spawn(_ path: String, _ arguments: [String], url: String, sampling: Bool = false) throws -> Run {
        let variables: [String] = ["DATABASE_URL=\(url)", "PATH=/usr/bin:/bin", "HOME=/tmp"]
        let clock = ContinuousClock()
        let start = clock.now
        let pid = try Spawn.start(path, arguments, environment: variables, output: "/dev/null")
        var status: Int32 = 0
        var peak = 0
        if sampling {
            while waitpid(pid, &status, WNOHANG) == 0 {
                peak = max(peak, highWaterMarkKiB(of: pid))
                usleep(5000)
            }
        } else {
            status = Spawn.wait(pid)
        }
        let seconds = Timing.seconds(clock.now - start)
        guard status == 0 else {
            throw ValidationError("\(path) \(arguments.joined(separator: " ")) failed: \(status)")
        }
        return Run(seconds: seconds, peakKiB: peak)
    }

    /// `VmHWM` of a running process, in KiB; 0 once it has exited.
    static func highWaterMarkKiB(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return 0
    }
}
