import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export what Firebreak knows.",
        discussion: Help.discussion(examples: ["firebreak export jira-csv --team CORE --output plan.csv"]),
        subcommands: [
            ExportJiraCommand.self, ExportMarkdownCommand.self, ExportHTMLCommand.self, ExportICSCommand.self,
            ExportJSONCommand.self, Report.self,
        ]
    )

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an incident as its canonical outage report (Markdown).",
            discussion: Help.discussion(
                """
                `firebreak import` reads the output back to the same data.
                """,
                examples: ["firebreak export report INC-7 --output INC-7.md"]))
        @Argument(help: "Incident key.") var key: String
        @Option(name: [.short, .customLong("output")], help: "Write to this file instead of stdout.") var output:
            String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let key = self.key
            try OutputFile.write(try await global.withOperations { try await $0.incidentMarkdown(key) }, to: output)
        }
    }
}

/// Writes a result to a file or to stdout, as every export does (``OutputSink``: a temporary file
/// renamed into place, through symbolic links).
enum OutputFile {
    static func write(_ text: String, to path: String?) throws {
        let sink = try OutputSink(path: path)
        sink.write(text)
        do {
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
    }
}
