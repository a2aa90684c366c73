import FirebreakTesting
import Foundation
import Testing

@testable import FirebreakCLI

/// A mistyped command or option is answered with the nearest right one, as `git` and `gh` do.
@Suite("Command line: did you mean")
struct MistypedCLITests {
    @Test(arguments: [
        (["backlgo"], "unknown command 'backlgo'; did you mean 'backlog'?", "firebreak"),
        (["inc", "list"], "unknown command 'inc'; did you mean 'incident'?", "firebreak"),
        (["plan", "shwo", "1"], "unknown command 'shwo'; did you mean 'show'?", "firebreak plan"),
        (["backlog", "--formt", "json"], "unknown option '--formt'; did you mean '--format'?", "firebreak backlog"),
        (
            ["action", "list", "--stauts=open"], "unknown option '--stauts'; did you mean '--status'?",
            "firebreak action list"
        ),
    ])
    func theNearestIsSuggested(_ arguments: [String], _ message: String, _ command: String) {
        let mistake = Mistyped.suggestion(for: arguments)
        #expect(mistake?.message == message)
        #expect(mistake?.command == command)
    }

    @Test(arguments: [
        ["zzzzzz"], ["backlog", "--team", "CORE"], ["action", "show", "ACT-1"], ["backlog", "--", "--x"],
    ])
    func nothingIsSuggestedWithoutANearOne(_ arguments: [String]) {
        #expect(Mistyped.suggestion(for: arguments) == nil)
    }

    @Test func theCommandLineSaysItInOneLineAndExitsTwo() throws {
        let cli = CLIRunner(databaseURL: "postgres://nobody@127.0.0.1:1/none")
        let result = try cli.run(["backlgo"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "firebreak: error: unknown command 'backlgo'; did you mean 'backlog'? (see firebreak --help)\n")
    }
}
