import ArgumentParser
import Testing

@testable import FirebreakCLI

/// Help that teaches, as `gh` writes it: every command has an example, its paragraphs reflow to any
/// width (a hard break inside one leaves an orphan word at some widths), and a default is shown once.
@Suite("Command line: help texts")
struct HelpTextTests {
    /// Every command, by the path a user types.
    static func commands() -> [(path: String, type: any ParsableCommand.Type)] {
        func walk(_ type: any ParsableCommand.Type, _ path: String) -> [(String, any ParsableCommand.Type)] {
            [(path, type)]
                + type.configuration.subcommands.flatMap { walk($0, path + " " + $0._commandName) }
        }
        return walk(Firebreak.self, "firebreak")
    }

    @Test func everyCommandHasAnExampleUnderExamples() {
        let missing = Self.commands().filter { !$0.type.configuration.discussion.contains("Examples:\n  $ firebreak") }
        #expect(missing.map(\.path) == [])
    }

    @Test func discussionsAreParagraphsThatReflow() {
        let broken = Self.commands().filter { command in
            let discussion = command.type.configuration.discussion
            return Help.reflowed(discussion) != discussion
        }
        #expect(broken.map(\.path) == [])
    }

    @Test func aDefaultIsShownOnce() {
        let twice = Self.commands().filter { command in
            let help = Firebreak.helpMessage(for: command.type, columns: 10_000)
            return help.split(separator: "\n").contains { $0.contains("(default: ") && $0.contains("Default ") }
        }
        #expect(twice.map(\.path) == [])
    }

    @Test(arguments: [
        ("one\ntwo\n\nthree\n- a\n  b\n- c\n$ firebreak x", "one two\n\nthree\n- a\n  b\n- c\n$ firebreak x"),
        ("", ""),
    ])
    func reflowJoinsParagraphLinesOnly(_ text: String, _ expected: String) {
        #expect(Help.reflowed(text) == expected)
    }
}
