import FirebreakCore
import Testing

/// The defaults file (`firebreak config`): read back what it writes, and every bad line named.
@Suite("User config file")
struct UserConfigTests {
    @Test func whatIsWrittenIsReadBack() throws {
        let config = UserConfig(values: [.team: "CORE", .engineer: "alice"])
        #expect(config.text.hasSuffix("team = CORE\nengineer = alice\n"))
        #expect(try UserConfig.parse(config.text, file: "config") == config)
        #expect(try UserConfig.parse("", file: "config") == UserConfig())
    }

    @Test func handWrittenLinesAreRead() throws {
        let text = "# mine\n\n  team=OPS  \nengineer = \"ben\"\n"
        #expect(try UserConfig.parse(text, file: "config") == UserConfig(values: [.team: "OPS", .engineer: "ben"]))
    }

    @Test(arguments: [
        ("team = CORE\nteam: OPS\n", 2, "\"team: OPS\" is not KEY = VALUE"),
        ("colour = blue\n", 1, "unknown key \"colour\"; the keys are team, engineer"),
        ("team = CORE\nteam = OPS\n", 2, "team is set twice"),
        ("# x\nteam = core\n", 2, "team \"core\" is not a team key (an upper-case letter, then letters, digits or _)"),
        ("engineer = Alice\n", 1, "engineer \"Alice\" is not a handle (lower-case letters, digits, '.', '-', '_')"),
    ])
    func aBadLineIsNamed(text: String, line: Int, reason: String) {
        #expect(throws: ReportError(file: "/home/a/.firebreak/config", line: line, reason: reason)) {
            try UserConfig.parse(text, file: "/home/a/.firebreak/config")
        }
    }
}
