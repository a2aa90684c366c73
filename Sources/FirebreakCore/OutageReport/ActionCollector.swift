import Foundation

/// Collects the actions of a report's actions section from its lists and tables.
///
/// A list is read as a tree: an item's nested items and the paragraphs below it belong to its
/// description, so one action is one top-level item. A top-level item that ends with ":" and has
/// children is a heading for them ("Short term:"), and its children are the actions. Bullets right
/// below a numbered item at the same indent are its children too: converted documents often lose
/// the indent of a numbered item's sub-list.
struct ActionCollector {
    private var actions: [ReportedAction] = []
    /// Whether the heading of the current block says its actions are done.
    private var completed = false
    private var nodes: [Node] = []
    private var roots: [Int] = []
    /// The open items, outermost first.
    private var open: [Int] = []
    private var table: ActionTable?
    /// The last line read was an item's text or its continuation: a next line of text, with no blank
    /// line between, continues that text (a soft-wrapped item), as Markdown reads it.
    private var continuing = false
    /// The first line of prose that says something is to be done and that no list item above it could
    /// take: in a section that yields no action, the actions were written as sentences.
    private(set) var unreadProse: Int?

    private struct Node {
        var item: ListItem
        var line: Int
        var paragraphs: [String] = []
        var children: [Int] = []
        /// A bullet directly below a numbered item at the same indent.
        var underOrdered = false
    }

    /// Ends the current block and starts one under a new (sub-)heading.
    mutating func startBlock(completed: Bool, file: String) throws(ReportError) {
        try flush(file: file)
        self.completed = completed
    }

    mutating func consume(_ line: Substring, number: Int, file: String) throws(ReportError) {
        let trimmed = line.trimmed()
        if trimmed.hasPrefix("|") {
            continuing = false
            try flush(file: file)
            try consumeTableRow(trimmed, number: number, file: file)
            return
        }
        table = nil
        if let item = ListItem(line) {
            add(item, line: number)
            continuing = true
        } else if trimmed.isEmpty {
            continuing = false
        } else if Self.isThematicBreak(trimmed) {
            open = []  // "***" or "---" after the list: the items end there
            continuing = false
        } else if Self.isDefinition(trimmed) {
            continuing = false  // "[#2226]: https://…" below a list: where a link goes, not an action's text
        } else if let last = open.last {
            if continuing, Self.continues(nodes[last].item.text, with: trimmed) {
                nodes[last].item.text += " " + trimmed
            } else {
                nodes[last].paragraphs.append(trimmed)
                continuing = false
            }
        } else if unreadProse == nil, Self.statesIntent(trimmed) {
            unreadProse = number
        }
    }

    /// Prose that says something is to be done ("We will add an alert", "the team should …"), not a
    /// template's instruction in italics nor a timeline's account of what happened.
    static func statesIntent(_ text: String) -> Bool {
        if (text.hasPrefix("_") && text.hasSuffix("_")) || (text.hasPrefix("*") && text.hasSuffix("*")) {
            return false
        }
        let words = " " + text.lowercased() + " "
        return [" will ", " should ", " must ", " need to ", " needs to ", " we'll ", " plan to ", " going to "]
            .contains { words.contains($0) }
    }

    /// Whether `next`, the line right below an item's text, wraps that text rather than starting a
    /// line of its own ("Owner: ana"): the text does not end a sentence or a label, and the next line
    /// goes on in lower case or the text filled a line as wrapped prose does.
    /// Firebreak's own bullets (`[detect] ACT-40: title (estimate: 2)`) keep their description on the
    /// lines below, and are never continued.
    static func continues(_ text: String, with next: String) -> Bool {
        guard let last = text.last, !".!?:)".contains(last) else { return false }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]"),
            ActionKind(rawValue: text[text.index(after: text.startIndex)..<close].lowercased()) != nil
        {
            return false
        }
        if let colon = text.firstIndex(of: ":"), ItemKey.isValid(text[..<colon]) { return false }
        if next.first?.isLowercase == true { return true }
        return text.count >= 50
    }

    /// `***`, `---`, `___`, `* * *`: a rule, which ends the list above it.
    static func isThematicBreak(_ trimmed: String) -> Bool {
        guard let first = trimmed.first, "-*_".contains(first) else { return false }
        let marks = trimmed.filter { $0 != " " && $0 != "\t" }
        return marks.count >= 3 && marks.allSatisfy { $0 == first }
    }

    /// A link reference or footnote definition: `[label]: https://…`, `[^3]: text`.
    static func isDefinition(_ trimmed: String) -> Bool {
        guard trimmed.hasPrefix("["), let close = trimmed.range(of: "]: ") ?? trimmed.range(of: "]:\t") else {
            return false
        }
        let label = trimmed[trimmed.index(after: trimmed.startIndex)..<close.lowerBound]
        guard !label.isEmpty, !label.contains("]"), !label.contains("[") else { return false }
        if label.hasPrefix("^") { return true }
        let target = trimmed[close.upperBound...].trimmed()
        return target.contains("://") || target.hasPrefix("/") || target.hasPrefix("<") || target.hasPrefix("#")
    }

    mutating func finish(file: String) throws(ReportError) -> [ReportedAction] {
        try flush(file: file)
        return actions
    }

    private mutating func add(_ item: ListItem, line: Int) {
        while let top = open.last {
            let node = nodes[top]
            if node.item.indent < item.indent { break }
            if node.item.indent == item.indent, node.item.ordered, !item.ordered, !node.underOrdered { break }
            open.removeLast()
        }
        var node = Node(item: item, line: line)
        let index = nodes.count
        if let parent = open.last {
            node.underOrdered = nodes[parent].item.indent == item.indent
            nodes[parent].children.append(index)
        } else {
            roots.append(index)
        }
        nodes.append(node)
        open.append(index)
    }

    private mutating func flush(file: String) throws(ReportError) {
        for root in roots { try emit(root, file: file) }
        nodes = []
        roots = []
        open = []
    }

    /// Appends the action an item stands for, or its children's when it is a heading for them.
    private mutating func emit(_ index: Int, file: String) throws(ReportError) {
        let node = nodes[index]
        let plain = node.item.text.replacingOccurrences(of: "*", with: "").trimmed()
        if plain.hasSuffix(":"), node.paragraphs.isEmpty, !node.children.isEmpty {
            for child in node.children { try emit(child, file: file) }
            return
        }
        let (text, done) = DoneMarker.strip(node.item.text)
        var action = try ActionBullet.parse(text, line: node.line, file: file)
        action.completed = completed || done || node.item.checked == true
        let more = node.paragraphs + node.children.flatMap { describe($0, depth: 0) }
        if !more.isEmpty {
            action.description += (action.description.isEmpty ? "" : "\n") + more.joined(separator: "\n")
        }
        actions.append(action)
    }

    /// An item and its descendants as indented bullet lines of a description.
    private func describe(_ index: Int, depth: Int) -> [String] {
        let node = nodes[index]
        let pad = String(repeating: "  ", count: depth)
        return [pad + "- " + node.item.text] + node.paragraphs.map { pad + "  " + $0 }
            + node.children.flatMap { describe($0, depth: depth + 1) }
    }

    private mutating func consumeTableRow(_ trimmed: String, number: Int, file: String) throws(ReportError) {
        let cells = Self.cells(trimmed)
        guard let table else {
            table = ActionTable(header: cells)
            return
        }
        if Self.isDelimiterRow(cells) { return }
        guard var action = try table.action(from: cells, line: number, file: file) else { return }
        action.completed = action.completed || completed
        actions.append(action)
    }

    /// The row under a table's header that only aligns its columns: `| --- | :---: |`.
    static func isDelimiterRow(_ cells: [String]) -> Bool {
        cells.allSatisfy { $0.allSatisfy { "-: ".contains($0) } }
    }

    static func cells(_ row: String) -> [String] {
        var inner = row[...]
        if inner.hasPrefix("|") { inner = inner.dropFirst() }
        if inner.hasSuffix("|") { inner = inner.dropLast() }
        return inner.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmed() }
    }
}
