import Foundation

/// Help texts written one way: a discussion in paragraphs that ArgumentParser wraps to the terminal
/// (a hard line break inside a paragraph leaves an orphan word at some widths), then the command's
/// examples, each on its own line.
enum Help {
    /// `text` reflowed, then `Examples:` and each example as `  $ firebreak …`.
    static func discussion(_ text: String = "", examples: [String]) -> String {
        let block = "Examples:\n" + examples.map { "  $ " + $0 }.joined(separator: "\n")
        let prose = reflowed(text)
        return prose.isEmpty ? block : prose + "\n\n" + block
    }

    /// Paragraphs (separated by a blank line) on one line each. A line that starts with spaces, `- `
    /// or `$ ` keeps its own line: a list item, a formula or a command.
    static func reflowed(_ text: String) -> String {
        var lines: [String] = []
        var joinable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let kept = line.hasPrefix(" ") || line.hasPrefix("- ") || line.hasPrefix("$ ")
            if line.isEmpty {
                lines.append("")
                joinable = false
            } else if joinable, !kept {
                lines[lines.count - 1] += " " + line
            } else {
                lines.append(String(line))
                joinable = true
            }
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}
