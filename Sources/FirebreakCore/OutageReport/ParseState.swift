import Foundation

/// The parser's progress through one report, line by line.
struct ParseState {
    let file: String
    var report = OutageReport(title: "")
    var frontMatterTitle: String?
    var firstLine: (text: String, number: Int)?
    var section: ReportSection = .header
    var sawTitle = false
    /// The first heading below the title level, the title of a report without an H1.
    var firstHeading: (text: String, line: Int)?
    var timelineLevel = 7
    /// A list item that names actions or a timeline ("- **Actions following review**:"): its
    /// children are read as that section, until a line at its indent or less.
    var listSection: (indent: Int, resume: ReportSection)?
    /// The date field gave a day without a time; the timeline may give the time.
    var dateOnly = false
    /// When the outage ended, where a report says so ("End Time: 2025-06-10 16:35 UTC").
    var endedAt: Date?
    var inFence = false
    var explanation: [Substring] = []
    var investigations: [Substring] = []
    var summary: [Substring] = []
    var timeline: [Substring] = []
    var prose: [Substring] = []
    var dateLines: [Substring] = []
    var actions = ActionCollector()
    var seenFields: [String: Int] = [:]
    var detection: (source: DetectionSource, line: Int)?
    /// Every line outside the actions sections, where detection phrases are looked for.
    var narrative: [Substring] = []
    /// The lines of a "Detection" section: who noticed first, in the report's own words.
    var detectionLines: [Substring] = []
    var inDetectionSection = false
    /// The last line read as a table row where facts are read: the row after a non-row is a header.
    var lastTableRow: Int?
    /// The lines the report's facts are not read from: misspelt fields, which a warning says are ignored.
    var ignoredLines: Set<Int> = []
    /// A time of day stated apart from the date ("## Time: 15:30:00 UTC"): minutes after midnight and
    /// the zone's offset in seconds.
    var statedTime: (minutes: Int, offset: Int)?
    /// The field names of a table laid out in columns (`| Support Cases Raised | Incident Duration |`),
    /// whose next row holds their values.
    var factColumns: [String]?
    /// How the report writes `NN-NN-YYYY` dates, where its own dates show it.
    var dateOrder: NumericDateOrder?
    /// An action table found outside an actions section (`| Action Item | Owner |` with no heading
    /// above it): the section to return to after its last row.
    var tableSection: ReportSection?
    /// A heading that is only a field's name (`## Outage time`, `## Number of support tickets raised`),
    /// as a wiki page lays the report's fields out: the first line of text below it is the value.
    var headingField: String?

    init(file: String) { self.file = file }

    /// Leaves line `number` out of the prose the facts are looked for in (``narrative``, the detection
    /// lines and the text ``ForeignFacts`` reads), so that a field the warning calls ignored is not read
    /// back from it: `- **Severty:** SEV2` names SEV2 as prose would.
    mutating func ignore(_ line: Substring, number: Int) {
        ignoredLines.insert(number)
        // The line was added last, if at all, by ``consume(_:number:)`` before it read the field.
        if narrative.last == line { narrative.removeLast() }
        if detectionLines.last == line { detectionLines.removeLast() }
    }

    func error(_ line: Int, _ reason: String) -> ReportError {
        ReportError(file: file, line: line, reason: reason)
    }

    mutating func warn(_ line: Int, _ message: String) {
        report.warnings.append(ReportWarning(file: file, line: line, message: message))
    }

    /// Skips a YAML front matter block, keeping its `title:`; returns the first line after it.
    /// A TOML block (`+++`, Hugo and Zola) the same, with its `title = "…"`.
    mutating func skipFrontMatter(_ lines: [Substring]) -> Int {
        guard let fence = lines.first?.trimmed(), fence == "---" || fence == "+++" else { return 0 }
        for i in 1..<min(lines.count, 200) {
            let line = lines[i].trimmed()
            if line == fence { return i + 1 }
            let lower = line.lowercased()
            if lower.hasPrefix("title:") || (fence == "+++" && lower.hasPrefix("title") && line.contains("=")) {
                let value = line.drop(while: { $0 != ":" && $0 != "=" }).dropFirst().trimmed()
                frontMatterTitle = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
        }
        return 0
    }

    mutating func consume(_ line: Substring, number: Int) throws(ReportError) {
        let trimmed = line.trimmed()
        if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
        if !inFence, let (level, text) = Self.heading(trimmed) {
            try enterHeading(level: level, text: text, number: number)
            return
        }
        if let field = headingField, !trimmed.isEmpty {
            headingField = nil
            if !inFence, !trimmed.hasPrefix("|"), try readFieldBelowHeading(field, line: line, number: number) {
                return
            }
        }
        if let (indent, resume) = listSection, !trimmed.isEmpty, Self.indent(of: line) <= indent {
            listSection = nil
            try enterSection(resume, number: number)
        }
        if let resume = tableSection, !trimmed.isEmpty, !trimmed.hasPrefix("|") {
            try enterSection(resume, number: number)
        }
        if !inFence, !section.yieldsActions, trimmed.hasPrefix("|"), lastTableRow != number - 1,
            ActionTable.namesActions(ActionCollector.cells(trimmed))
        {
            let resume = section
            try enterSection(.actions(level: 7, completed: false), number: number)
            tableSection = resume
        }
        if !inFence, listSection == nil, section == .header || section == .other, let item = ListItem(line),
            let (name, value) = Self.boldLead(item.text.replacingOccurrences(of: "__", with: "**")), value.isEmpty
        {
            let classified = ReportSection.classify(name, level: 8)
            if classified.yieldsActions || classified == .timeline {
                listSection = (item.indent, section)
                try enterSection(classified, number: number)
                return
            }
        }
        if !trimmed.isEmpty, firstLine == nil, !inFence, !Self.isDecoration(trimmed) { firstLine = (trimmed, number) }
        // Logs and query output in a fenced block say nothing about the outage's facts.
        if !section.yieldsActions, !inFence { narrative.append(line) }
        if inDetectionSection, !inFence { detectionLines.append(line) }
        if !inFence, section.readsFacts, try readFact(trimmed, number: number) { return }
        if !inFence, try readBoldParagraph(trimmed, number: number) { return }
        switch section {
        case .header:
            if inFence { return }
            if try !readField(line, number: number, strict: true), !trimmed.isEmpty { prose.append(line) }
        case .impact:
            if !inFence { _ = try readField(line, number: number, strict: false) }
        case .explanation: explanation.append(line)
        case .investigations: investigations.append(line)
        case .summary: summary.append(line)
        case .timeline: if !inFence { timeline.append(line) }
        case .date: if !inFence { dateLines.append(line) }
        case .actions:
            if !inFence { try actions.consume(line, number: number, file: file) }
        case .narrative:
            break
        case .other:
            if !inFence, try !readField(line, number: number, strict: false) { timeline.append(line) }
        }
    }

    /// A paragraph that is one bold lead-in: `**Date**: 2015-10-21` (a field), `**Action item:** text`
    /// (an action), `**Action Items:**` alone (the start of an action list or table) or, inside an
    /// actions section, a bold line that names a group ("**Short term**"). True when it was one.
    mutating func readBoldParagraph(_ trimmed: String, number: Int) throws(ReportError) -> Bool {
        if !trimmed.isEmpty, !trimmed.hasPrefix("**"), !section.yieldsActions, trimmed.count <= 40,
            ListItem(Substring(trimmed)) == nil
        {
            // "Action items:" on a line of its own, as a heading written without Markdown; without the
            // colon, only a section's usual name ("Action Items").
            let name = trimmed.hasSuffix(":") ? String(trimmed.dropLast()) : trimmed
            if trimmed.hasSuffix(":") || ReportSection.isActionsName(name) {
                let classified = ReportSection.classify(name, level: 7)
                if classified.yieldsActions {
                    try enterSection(classified, number: number)
                    return true
                }
            }
        }
        guard trimmed.hasPrefix("**"), let (name, value) = Self.boldLead(trimmed) else { return false }
        let lower = name.lowercased()
        let isActionLead =
            lower == "action item" || lower == "action items" || lower == "follow-up"
            || lower == "follow-ups" || lower == "ai"
        if isActionLead, !value.isEmpty, section != .narrative, section != .timeline {
            var single = ActionCollector()
            try single.consume(Substring("- " + value), number: number, file: file)
            report.actions += try single.finish(file: file)
            return true
        }
        if value.isEmpty {
            let classified = ReportSection.classify(name, level: 7)
            if classified.yieldsActions || section.yieldsActions {
                if case .actions(_, let completed) = section, !classified.isNarrativeOrTimeline {
                    try actions.startBlock(completed: completed || ReportSection.saysCompleted(name), file: file)
                } else {
                    try enterSection(classified, number: number)
                }
                return true
            }
            return false
        }
        if section.readsFacts {
            return try readNamedField(name: name, value: value, number: number, strict: false)
        }
        return false
    }

    mutating func enterHeading(level: Int, text: String, number: Int) throws(ReportError) {
        headingField = nil
        if try readHeadingField(text, number: number) { return }
        headingField = Self.fieldNamedByHeading(text)
        if level == 1 && !sawTitle {
            sawTitle = true
            try readTitle(text, number: number)
            try enterSection(.header, number: number)
            return
        }
        var classified = ReportSection.classify(text, level: level)
        if firstHeading == nil {
            firstHeading = (text, number)
            // "## 2025-07-30 Hex Outage" heads a report without an H1; it is no day of a timeline.
            if !sawTitle, classified == .timeline, Self.isTitleHeading(text) { classified = .other }
        }
        inDetectionSection = classified == .narrative && text.lowercased().contains("detect")
        if case .actions(let actionLevel, let completed) = section, level > actionLevel,
            !classified.isNarrativeOrTimeline
        {
            try actions.startBlock(completed: completed || ReportSection.saysCompleted(text), file: file)
            return
        }
        // A timeline's rows may be headings ("### 5:00 PM", "## May 13").
        if section == .timeline, !classified.yieldsActions,
            level > timelineLevel || classified == .timeline || classified == .other
        {
            timeline.append(Substring(text))
            return
        }
        try enterSection(classified, number: number)
        if section == .timeline { timelineLevel = level }
        if section == .timeline || section == .other { timeline.append(Substring(text)) }
    }

    /// A heading that is a field and its value: "## Date: February 06, 2023", "## Time: 15:30:00 UTC".
    /// True when it was one; the section does not change.
    mutating func readHeadingField(_ text: String, number: Int) throws(ReportError) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let name = text[..<colon].replacingOccurrences(of: "*", with: "").trimmed()
        let value = text[text.index(after: colon)...].replacingOccurrences(of: "*", with: "").trimmed()
        guard !value.isEmpty else { return false }
        if name.lowercased() == "time", let minutes = ForeignFacts.clock(at: value) {
            statedTime = (minutes, ForeignFacts.zoneOffset(in: value) ?? 0)
            return true
        }
        // Facts only: "## Summary: what went wrong" is a section's heading, not a description.
        guard let field = Self.fieldNames[name.lowercased()], field != "description" else { return false }
        return try readNamedField(name: name, value: value, number: number, strict: false)
    }

    mutating func enterSection(_ next: ReportSection, number: Int) throws(ReportError) {
        tableSection = nil
        if section.yieldsActions { try finishActions() }
        actions = ActionCollector()
        section = next
        if case .actions(_, let completed) = next { try actions.startBlock(completed: completed, file: file) }
    }

    /// Ends an actions section: its actions join the report's, and a section of prose that yields none
    /// says so, for "We will add an alert on …" written as sentences is read as no action at all.
    mutating func finishActions() throws(ReportError) {
        let found = try actions.finish(file: file)
        if found.isEmpty, let line = actions.unreadProse {
            warn(line, "no action is read from prose; write each action as a list item (\"- [prevent] title\")")
        }
        report.actions += found
    }

    mutating func readTitle(_ text: String, number: Int) throws(ReportError) {
        if let colon = text.firstIndex(of: ":"), ItemKey.isValid(text[..<colon]) {
            report.key = String(text[..<colon])
            report.title = text[text.index(after: colon)...].trimmed()
        } else {
            report.title = Self.withoutDocumentType(MarkdownText.plain(text))
        }
        report.fieldLines[.title] = number
        if report.title.isEmpty { throw error(number, "the title after the key is empty") }
    }

    /// A title without the name of the document it heads: "Post-Mortem: Checkout API returned 500s"
    /// → "Checkout API returned 500s".
    static func withoutDocumentType(_ title: String) -> String {
        guard let colon = title.firstIndex(of: ":") else { return title }
        let lead = title[..<colon].lowercased().replacingOccurrences(of: "-", with: " ")
        let types = [
            "post mortem", "postmortem", "incident post mortem", "incident postmortem",
            "incident report", "incident review", "outage report", "post incident review", "pir", "rca",
        ]
        let rest = title[title.index(after: colon)...].trimmed()
        return types.contains(lead.trimmed()) && !rest.isEmpty ? rest : title
    }

    static func indent(of line: Substring) -> Int {
        line.prefix(while: { $0 == " " || $0 == "\t" }).reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
    }

    /// A quote, an HTML tag or comment, an image or a link alone: not a report's first line of text.
    static func isDecoration(_ trimmed: String) -> Bool {
        trimmed.hasPrefix(">") || trimmed.hasPrefix("<") || trimmed.hasPrefix("!") || trimmed.hasPrefix("[")
            || trimmed.hasPrefix("|")
    }

    /// `# text` → (1, "text"); nil when the line is not an ATX heading.
    static func heading(_ line: String) -> (Int, String)? {
        guard line.hasPrefix("#") else { return nil }
        let level = line.prefix(while: { $0 == "#" }).count
        guard level <= 6 else { return nil }
        let rest = line.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.trimmed()
        while text.hasSuffix("#") { text.removeLast() }
        return (level, text.trimmed())
    }

    /// `**Name**: value`, `**Name:** value` or `**Name**` alone → (name, value); nil for other lines.
    static func boldLead(_ line: String) -> (String, String)? {
        let inner = line.dropFirst(2)
        guard let close = inner.range(of: "**") else { return nil }
        var name = inner[..<close.lowerBound].trimmed()
        var rest = inner[close.upperBound...].trimmed()[...]
        if name.hasSuffix(":") {
            name.removeLast()
        } else if rest.hasPrefix(":") {
            rest = rest.dropFirst()
        } else if !rest.isEmpty {
            return nil
        }
        guard !name.isEmpty, name.count <= 60 else { return nil }
        return (name.trimmed(), MarkdownText.plain(String(rest)).trimmed())
    }
}

extension ParseState {
    /// A fact a foreign report states outside field bullets, in its header, summary or impact: a
    /// quoted bold field (`> **Date:** 2025-03-04`), a plain `Date: 2024-11-18` line, or a table
    /// row `| Support Tickets | 214 |`; only for known field names. True when the line was one.
    mutating func readFact(_ trimmed: String, number: Int) throws(ReportError) -> Bool {
        if trimmed.hasPrefix(">") {
            let unquoted = trimmed.drop { $0 == ">" || $0 == " " }
            guard unquoted.hasPrefix("**") else { return false }
            return try readBoldParagraph(String(unquoted), number: number)
        }
        if trimmed.hasPrefix("|") {
            let cells = trimmed.split(separator: "|", omittingEmptySubsequences: false).dropFirst()
                .map { MarkdownText.plain(String($0)).replacingOccurrences(of: "**", with: "").trimmed() }
            let continues = lastTableRow == number - 1
            defer { lastTableRow = number }
            if continues, ActionCollector.isDelimiterRow(cells) { return false }
            if continues, let names = factColumns {
                // The row under a header of field names: each named column's value.
                factColumns = nil
                var read = false
                for (name, value) in zip(names, cells) where Self.fieldNames[name.lowercased()] != nil {
                    read = try readNamedField(name: name, value: value, number: number, strict: false) || read
                }
                return read
            }
            factColumns = nil
            let named = cells.filter { Self.fieldNames[$0.lowercased()] != nil }.count
            if !continues, cells.count >= 2, named >= 1,
                named >= 2 || Self.fieldNames[cells[0].lowercased()] == nil
            {
                factColumns = cells  // `| Customers Impacted | Support Cases Raised | Incident Duration |`
                return false
            }
            guard cells.count >= 2, Self.fieldNames[cells[0].lowercased()] != nil else { return false }
            // A table's header row, `| Severity | Detected by |`: the second name is no value of the first.
            if lastTableRow != number - 1, Self.fieldNames[cells[1].lowercased()] != nil { return false }
            return try readNamedField(name: cells[0], value: cells[1], number: number, strict: false)
        }
        guard section == .header, ListItem(Substring(trimmed)) == nil, let colon = trimmed.firstIndex(of: ":")
        else { return false }
        let name = trimmed[..<colon].trimmed()
        guard Self.fieldNames[name.lowercased()] != nil else { return false }
        return try readNamedField(
            name: name, value: trimmed[trimmed.index(after: colon)...].trimmed(), number: number, strict: false)
    }
}

extension ReportSection {
    var isNarrativeOrTimeline: Bool { self == .narrative || self == .timeline }

    /// The sections where a foreign report states facts (date, duration, severity, tickets).
    var readsFacts: Bool { self == .header || self == .other || self == .summary || self == .impact }
}
