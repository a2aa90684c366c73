import Foundation

extension ParseState {
    mutating func finish(fileName: String, text: String) throws(ReportError) -> OutageReport {
        if section.yieldsActions { try finishActions() }
        if report.title.isEmpty {
            if let title = frontMatterTitle {
                report.title = title
            } else if let (text, line) = firstHeading, Self.isTitleHeading(text) {
                try readTitle(text, number: line)
            } else if firstHeading != nil {
                // The first heading is a section's ("## Background:"): a short first line names the
                // report better, else its file does.
                report.title =
                    firstLineTitle().flatMap { $0.count <= 100 ? $0 : nil } ?? Self.title(fromFileName: fileName)
            } else {
                report.title = firstLineTitle() ?? Self.title(fromFileName: fileName)
            }
        }
        if report.title.isEmpty { throw error(1, "no title: expected a '# KEY: title' line") }
        if report.title.count > 500 {
            throw error(report.fieldLines[.title] ?? 1, "the title is longer than 500 characters")
        }
        if report.key == nil { report.key = ItemKey.fromFileName(fileName) }
        let summaryText = Self.block(summary.isEmpty ? prose : summary)
        report.explanation = Self.block(explanation)
        report.investigations = Self.block(investigations)
        if report.description.isEmpty { report.description = Self.firstSentence(of: summaryText) }
        // A report without an explanation section (dfds' "Summary" only) keeps its summary as the
        // explanation, rather than the one sentence the description holds.
        if report.explanation.isEmpty, summaryText != report.description, !summary.isEmpty {
            report.explanation = summaryText
        }
        let text = Self.withoutFencedCode(text)
        let facts = ForeignFacts(
            text: text, timeline: timeline, dateLines: dateLines,
            fallbackDay: report.startedAt.map { CalendarDate(containing: $0) }
                ?? ForeignFacts.day(in: report.title, order: dateOrder)
                ?? ForeignFacts.proseDate(in: text, anywhere: false), dateOrder: dateOrder)
        if report.startedAt == nil, let started = facts.startedAt() {
            report.startedAt = started
        } else if report.startedAt == nil, let day = ForeignFacts.day(in: report.title, order: dateOrder) {
            // "## 2025-07-30 Hex Outage": the title's day, at the time "between 21:27 UTC and …" gives.
            let time = ForeignFacts.fromTo(in: text).map { ($0.0 * 60 - (ForeignFacts.zoneOffset(in: text) ?? 0)) }
            report.startedAt = day.startOfDay.addingTimeInterval(TimeInterval(time ?? 0))
        } else if dateOnly, let day = report.startedAt.map({ CalendarDate(containing: $0) }),
            let first = facts.timelineTimes().filter({ CalendarDate(containing: $0) == day }).min()
        {
            report.startedAt = first  // "**Date**: 2015-10-21" and a timeline from "14:51"
        }
        if dateOnly, let (minutes, offset) = statedTime,
            let day = report.startedAt.map({ CalendarDate(containing: $0) })
        {
            report.startedAt = day.startOfDay.addingTimeInterval(TimeInterval(minutes * 60 - offset))
            dateOnly = false
        }
        if report.outageMinutes == nil, let start = report.startedAt, let end = endedAt, end > start,
            !dateOnly
        {
            report.outageMinutes = Int((end.timeIntervalSince(start) / 60).rounded())  // "Start Time" … "End Time"
        }
        if report.outageMinutes == nil, let minutes = facts.outageMinutes() { report.outageMinutes = minutes }
        // The prose facts are read without the fields' names: "Number of support tickets raised" is no
        // customer's report.
        let narrative = narrative.map(Self.withoutFieldLabel)
        let timelineProse = timeline.map(Self.withoutFieldLabel)
        if report.severity == nil, report.severityText == nil {
            report.severity = Severity.named(in: (narrative + timelineProse).joined(separator: "\n"))
        }
        if report.tickets == nil, let tickets = ForeignFacts.ticketsStated(in: narrative.joined(separator: "\n")) {
            report.tickets = tickets
        }
        if let detection {
            report.detectedBy = detection.source
        } else if let source = DetectionPhrases.source(
            in: detectionLines.map(Self.withoutFieldLabel).joined(separator: "\n"))
        {
            report.detectedBy = source
        } else if let source = DetectionPhrases.source(in: narrative.joined(separator: "\n"))
            ?? DetectionPhrases.firstSource(inLines: timelineProse)
        {
            report.detectedBy = source
        }
        return report
    }

    /// Whether a report's first heading, below no H1, names the report: not a section's name ("## Background:")
    /// and not only a day of a timeline ("## May 12"), though it may start with one ("## 2025-07-30 Hex Outage").
    static func isTitleHeading(_ text: String) -> Bool {
        let name = text.hasSuffix(":") ? String(text.dropLast()) : text
        switch ReportSection.classify(name, level: 2) {
        case .other: return true
        case .timeline:
            let days =
                ForeignFacts.months + ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
            let words = name.lowercased().split(whereSeparator: { !$0.isLetter }).filter { !days.contains(String($0)) }
            return words.count >= 2 && !name.lowercased().contains("timeline")
        default: return false
        }
    }

    /// The text with its fenced code blocks blanked (their lines kept, empty): logs and query output
    /// name times and dates that are not the outage's.
    static func withoutFencedCode(_ text: String) -> String {
        guard text.contains("```") || text.contains("~~~") else { return text }
        var inFence = false
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let t = line.trimmed()
            if t.hasPrefix("```") || t.hasPrefix("~~~") {
                inFence.toggle()
                return ""
            }
            return inFence ? "" : line
        }.joined(separator: "\n")
    }

    /// A file without headings, or whose first heading is a section's ("Summary"): its first line,
    /// when that line is text and not a list, table or field.
    func firstLineTitle() -> String? {
        guard let (text, _) = firstLine, ListItem(Substring(text)) == nil, !text.hasPrefix("|"),
            !text.hasPrefix("<"), !text.hasPrefix("!")
        else { return nil }
        var title = MarkdownText.plain(text).replacingOccurrences(of: "**", with: "").trimmed()
        if title.count > 200 { title = Self.firstSentence(of: title) }
        return title.isEmpty ? nil : String(title.prefix(200))
    }

    static func title(fromFileName name: String) -> String {
        var base = name
        if let dot = base.lastIndex(of: ".") { base = String(base[..<dot]) }
        let words = base.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The lines of a section as one Markdown block, without leading and trailing blank lines.
    ///
    /// A slice, not `removeFirst` in a loop, which is quadratic in the number of blank lines.
    static func block(_ lines: [Substring]) -> String {
        let isBlank = { (line: Substring) in line.trimmed().isEmpty }
        guard let first = lines.firstIndex(where: { !isBlank($0) }), let last = lines.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return lines[first...last].joined(separator: "\n")
    }

    /// The first paragraph's first sentence, for a one-line description of a foreign report.
    static func firstSentence(of text: String) -> String {
        let paragraph = text.components(separatedBy: "\n\n").first { para in
            let t = para.trimmingWhitespaceAndNewlines()
            return !t.isEmpty && !t.hasPrefix("<") && !t.hasPrefix("|") && !t.hasPrefix("!")
        }
        guard let paragraph else { return "" }
        let flat = paragraph.split(whereSeparator: \.isNewline).joined(separator: " ").trimmed()
        if let end = sentenceEnd(in: flat) { return String(flat[...end]) }
        return String(flat.prefix(300))
    }

    /// The full stop that ends the first sentence: followed by a space and a capital letter, and not
    /// after a number ("On Monday 3. February"), an initial or a common abbreviation ("e.g.").
    static func sentenceEnd(in text: String) -> String.Index? {
        var i = text.startIndex
        while let dot = text[i...].firstIndex(where: { $0 == "." || $0 == "!" || $0 == "?" }) {
            i = text.index(after: dot)
            guard i < text.endIndex, text[i] == " " else { continue }
            let after = text[i...].drop(while: { $0 == " " })
            guard let next = after.first, next.isUppercase || next.isNumber else { continue }
            let word = text[..<dot].split(separator: " ").last ?? ""
            if text[dot] == ".", word.allSatisfy(\.isNumber) || word.count == 1 { continue }
            if ["e.g", "i.e", "etc", "vs", "approx", "mr", "ms", "dr", "no"].contains(word.lowercased()) { continue }
            return dot
        }
        return nil
    }
}
