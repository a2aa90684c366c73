import FirebreakTesting
import Foundation
import Testing

@Suite("Command line: backlog, plans and claims")
struct PlanningCLITests {
    @Test func claimsExitThreeWithWhoHoldsIt() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["demo"]).status == 0)
            let taken = try cli.run(["claim", "ACT-1", "--as", "ben"])
            #expect(taken.status == 3)
            #expect(taken.stderr == "firebreak: ACT-1 is already claimed by amara\n")
            #expect(try cli.run(["release", "ACT-1", "--as", "ben"]).status == 3)
            #expect(try cli.run(["claim", "ACT-404", "--as", "ben"]).status == 4)
            #expect(try cli.run(["claim", "ACT-2", "--as", "ben"]).stdout == "ben claimed ACT-2.\n")
            #expect(try cli.run(["done", "ACT-2", "--as", "ben"]).status == 0)
            #expect(try cli.run(["release", "ACT-1"]).status == 0)  // the local CLI is a manager
            let history = try cli.run(["action", "history", "ACT-1", "--format", "csv"])
            let verbs = history.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[2] }
            #expect(verbs.suffix(2) == ["claim", "release"])
        }
    }

    @Test func backlogJSONHasTheDesignShape() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            _ = try cli.run(["demo"])
            let result = try cli.run(["backlog", "--as-of", "2026-11-28", "--format", "json", "--limit", "2"])
            #expect(result.status == 0)
            let items = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            #expect(items.count == 2)
            #expect(
                Set(items[0].keys) == [
                    "rank", "key", "title", "kind", "status", "value", "effort", "estimated", "priority", "incidents",
                    "claimedBy",
                ])
            #expect(items[0]["key"] as? String == "ACT-44" && items[0]["rank"] as? Int == 1)
            let explain = try cli.run(["backlog", "--as-of", "2026-11-28", "--explain", "ACT-14"])
            #expect(explain.stdout.contains("value 843.76 / effort 5 = priority 168.75"))
        }
    }

    @Test func planShowListAndDiff() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            _ = try cli.run(["demo"])
            let plan = try cli.run(["plan", "--as-of", "2026-11-28", "--format", "json"])
            #expect(plan.status == 0)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
            #expect(body["number"] as? Int == 2 && body["team"] as? String == "CORE")
            #expect(body["asOf"] as? String == "2026-11-28T00:00:00Z")
            let sprints = try #require(body["sprints"] as? [[String: Any]])
            #expect(sprints.first?["name"] as? String == "CORE Sprint 24")
            #expect(sprints.first?["startsOn"] as? String == "2026-11-23")
            let items = try #require(sprints.first?["items"] as? [[String: Any]])
            #expect(items.contains { $0["claimedBy"] as? String == "amara" })
            #expect(items.contains { $0["claimedBy"] is NSNull })
            #expect(try cli.run(["plan", "show", "latest", "--format", "json"]).stdout == plan.stdout)
            #expect(try cli.run(["plan", "list", "--format", "csv"]).stdout.split(separator: "\r\n").count == 3)
            let diff = try cli.run(["plan", "diff", "1", "2"])
            #expect(diff.stdout.hasPrefix("Plan 1 → plan 2\n\nEntered: 0\n"))
            #expect(try cli.run(["plan", "show", "9"]).status == 4)
            // Writing to a device writes through it; it never replaces it with a file.
            #expect(try cli.run(["export", "jira-csv", "-o", "/dev/null"]).status == 0)
            let null = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
            #expect(null == .typeCharacterSpecial)
            #expect(
                try cli.run(["sprints", "--from", "2026-11-28", "--count", "2", "--format", "csv"]).stdout.contains(
                    "improvement,cadence"))
        }
    }
}

@Suite("Demo exports")
struct DemoExportTests {
    /// `exports/demo/` in the repository is exactly what `firebreak demo` writes on a fresh database.
    @Test func committedDemoExportsMatchWhatTheDemoWrites() async throws {
        try await TestDatabase.withFresh { fresh in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fb-demo-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let cli = CLIRunner(databaseURL: fresh.url)
            let result = try cli.run(["demo", "--exports", folder.path])
            #expect(result.status == 0, "\(result.stderr)")
            let committed = Fixtures.repositoryRoot.appendingPathComponent("exports/demo")
            let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(written == (try FileManager.default.contentsOfDirectory(atPath: committed.path).sorted()))
            for name in written {
                let fresh = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                let kept = try String(contentsOf: committed.appendingPathComponent(name), encoding: .utf8)
                #expect(fresh == kept, "exports/demo/\(name) has drifted: run `firebreak demo` on a fresh database")
            }
        }
    }
}
