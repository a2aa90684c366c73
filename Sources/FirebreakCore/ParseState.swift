import Foundation

/// The parser's progress through one report, line by line.
struct ParseState {
    let file: String
    var report = OutageReport(title: "")
    var titleLine: Int?
    var frontMatterTitle: String?
    var section: ReportSection = .header
    var sawTitle = false
    var inFence = false
    var explanation: [Substring] = []
    var investigations: [Substring] = []
    var summary: [Substring] = []
    var timeline: [Substring] = []
    var prose: [Substring] = []
    var actions = ActionCollector()
    var seenFields: [String: Int] = [:]

    init(file: String) { self.file = file }

    func error(_ line: Int, _ reason: String) -> ReportError {
        ReportError(file: file, line: line, reason: reason)
    }

    /// Skips a YAML front matter block, keeping its `title:`; returns the first line after it.
    mutating func skipFrontMatter(_ lines: [Substring]) -> Int {
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else { return 0 }
        for i in 1..<min(lines.count, 200) {
            let line = lines[i].trimmingCharacters(in: .whitespaces)
            if line == "---" { return i + 1 }
            if line.lowercased().hasPrefix("title:") {
                let value = line.dropFirst(6).trimmingCharacters(in: .whitespaces)
                frontMatterTitle = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
        }
        return 0
    }

    mutating func consume(_ line: Substring, number: Int) throws(ReportError) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
        if !inFence, let (level, text) = Self.heading(trimmed) {
            try enterHeading(level: level, text: text, number: number)
            return
        }
        switch section {
        case .header:
            if inFence { return }
            if try !readField(line, number: number), !trimmed.isEmpty { prose.append(line) }
        case .explanation: explanation.append(line)
        case .investigations: investigations.append(line)
        case .summary: summary.append(line)
        case .timeline: timeline.append(line)
        case .actions:
            if !inFence { try actions.consume(line, number: number, file: file) }
        case .other:
            if !inFence { timeline.append(line) }
        }
    }

    mutating func enterHeading(level: Int, text: String, number: Int) throws(ReportError) {
        if level == 1 && !sawTitle {
            sawTitle = true
            titleLine = number
            try readTitle(text, number: number)
            section = .header
            return
        }
        if case .actions(let actionLevel, let completed) = section, level > actionLevel {
            actions.completed = completed || ReportSection.saysCompleted(text.lowercased())
            actions.resetBlock()
            return
        }
        section = ReportSection.classify(text, level: level)
        if case .actions(_, let completed) = section {
            actions.completed = completed
            actions.resetBlock()
        }
        if section == .timeline || section == .other { timeline.append(Substring(text)) }
    }

    mutating func readTitle(_ text: String, number: Int) throws(ReportError) {
        if let colon = text.firstIndex(of: ":"), ItemKey.isValid(text[..<colon]) {
            report.key = String(text[..<colon])
            report.title = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        } else {
            report.title = text
        }
        report.fieldLines[.title] = number
        if report.title.isEmpty { throw error(number, "the title after the key is empty") }
    }

    /// `# text` → (1, "text"); nil when the line is not an ATX heading.
    static func heading(_ line: String) -> (Int, String)? {
        guard line.hasPrefix("#") else { return nil }
        let level = line.prefix(while: { $0 == "#" }).count
        guard level <= 6 else { return nil }
        let rest = line.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") { text.removeLast() }
        return (level, text.trimmingCharacters(in: .whitespaces))
    }

    mutating func finish(fileName: String, text: String) throws(ReportError) -> OutageReport {
        if report.title.isEmpty {
            report.title = frontMatterTitle ?? Self.title(fromFileName: fileName)
        }
        if report.title.isEmpty { throw error(1, "no title: expected a '# KEY: title' line") }
        if report.key == nil { report.key = ItemKey.fromFileName(fileName) }
        report.explanation = Self.block(explanation)
        report.investigations = Self.block(investigations)
        if report.description.isEmpty {
            report.description = Self.firstSentence(of: Self.block(summary.isEmpty ? prose : summary))
        }
        report.actions = actions.finish()
        let foreign = ForeignFacts(text: text, timeline: timeline)
        if report.startedAt == nil, let started = foreign.startedAt() { report.startedAt = started }
        if report.outageMinutes == nil, let minutes = foreign.outageMinutes() { report.outageMinutes = minutes }
        return report
    }

    static func title(fromFileName name: String) -> String {
        var base = name
        if let dot = base.lastIndex(of: ".") { base = String(base[..<dot]) }
        let words = base.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The lines of a section as one Markdown block, without leading and trailing blank lines.
    ///
    /// A slice, not `removeFirst` in a loop: that is quadratic, and a 1 MiB report of blank lines took minutes.
    static func block(_ lines: [Substring]) -> String {
        let isBlank = { (line: Substring) in line.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let first = lines.firstIndex(where: { !isBlank($0) }), let last = lines.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return lines[first...last].joined(separator: "\n")
    }

    /// The first paragraph's first sentence, for a one-line description of a foreign report.
    static func firstSentence(of text: String) -> String {
        let paragraph = text.components(separatedBy: "\n\n").first { para in
            let t = para.trimmingCharacters(in: .whitespacesAndNewlines)
            return !t.isEmpty && !t.hasPrefix("<") && !t.hasPrefix("|") && !t.hasPrefix("!")
        }
        guard let paragraph else { return "" }
        let flat = paragraph.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        if let end = flat.range(of: ". ") { return String(flat[..<end.lowerBound]) + "." }
        return String(flat.prefix(300))
    }
}
