import ArgumentParser
import FirebreakCore
import Foundation

/// The nearest right word for a mistyped command or option, as `git` and `gh` suggest it: found
/// when ArgumentParser refused the arguments, before its own message is shown.
enum Mistyped {
    /// `unknown command 'backlgo'; did you mean 'backlog'?` and the command whose help to see, for
    /// the first word of `arguments` that names no subcommand or option where one was expected and
    /// has a near one; nil when there is none.
    static func suggestion(for arguments: [String]) -> UsageError? {
        var type: any ParsableCommand.Type = Firebreak.self
        var path = ["firebreak"]
        var descending = true
        for argument in arguments {
            if argument == "--" { break }
            let visible = type.configuration.subcommands.filter { $0.configuration.shouldDisplay }
            if descending, !argument.hasPrefix("-"), !visible.isEmpty {
                if let next = type.configuration.subcommands.first(where: {
                    $0._commandName == argument || $0.configuration.aliases.contains(argument)
                }) {
                    type = next
                    path.append(next._commandName)
                    continue
                }
                if let near = nearest(argument, in: visible.map { $0._commandName }) {
                    return UsageError(
                        message: "unknown command '\(argument)'; did you mean '\(near)'?",
                        command: path.joined(separator: " "))
                }
            }
            descending = false
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            let name = String(argument.prefix { $0 != "=" })
            let known = options(of: type)
            if !known.contains(name), let near = nearest(name, in: known) {
                return UsageError(
                    message: "unknown option '\(name)'; did you mean '\(near)'?", command: path.joined(separator: " "))
            }
        }
        return nil
    }

    /// The long options `type` takes (its own and its option groups'), read from its help.
    static func options(of type: any ParsableCommand.Type) -> [String] {
        let help = Firebreak.helpMessage(for: type, columns: 10_000)
        let words = help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "[" || $0 == "]" || $0 == "," })
        let names = words.compactMap { word -> String? in
            guard word.hasPrefix("--"), let name = word.split(separator: "=").first?.split(separator: "<").first,
                name.count > 2, name.dropFirst(2).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
            else { return nil }
            return String(name)
        }
        return Array(Set(names)).sorted()
    }

    /// The candidate that `word` is a prefix of (when only one is), else the one at most a few
    /// letters away: two for a short word, a third of its length for a longer one.
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        let extended = candidates.filter { $0.hasPrefix(word) && $0 != word }
        if word.count >= 2, extended.count == 1 { return extended[0] }
        return EditDistance.nearest(word, in: candidates, limit: max(2, word.count / 3))
    }
}
