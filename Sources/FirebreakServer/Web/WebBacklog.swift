import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird

/// The ranked backlog (filters, sort, pages) and each item's explanation and history.
enum WebBacklog {
    static let pageSize = 50

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    struct TeamOption {
        var key: String
        var selected: Bool
    }

    struct Column {
        var label: String
        var href: String
        var sorted: String?
    }

    struct Row {
        var rank: Int
        var key: String
        var team: String
        var title: String
        var kind: String
        var status: String
        var value: String
        var effort: String
        var priority: String
        var incidents: String
        var claimedBy: String
    }

    struct View {
        var team: String
        var teams: [TeamOption]
        var kinds: [Option]
        var statuses: [Option]
        var sorts: [Option]
        var category: String
        var incident: String
        var columns: [Column]
        var rows: [Row]
        var summary: String
        var page: Int
        var pages: Int
        var previous: String?
        var next: String?
    }

    /// The columns one may sort by: (query value, heading).
    static let sortable: [(String, String)] = [
        ("rank", "Rank"), ("key", "Key"), ("title", "Title"), ("kind", "Kind"), ("status", "Status"),
        ("value", "Value"), ("effort", "Effort"), ("priority", "Priority"), ("incidents", "Incidents"),
        ("claimedBy", "Claimed by"),
    ]

    /// What the page was asked for, read from the query.
    struct Query {
        var team: String?
        var kind: String
        var status: String
        var category: String
        var incident: String
        var sort: String
        var descending: Bool
        var page: Int

        init(_ request: Request) throws {
            team = try request.query("team").flatMap { $0.isEmpty ? nil : $0 }
            kind = try request.query("kind") ?? ""
            status = try request.query("status") ?? ""
            category = try request.query("category") ?? ""
            incident = try request.query("incident") ?? ""
            sort = try request.query("sort").flatMap { s in sortable.contains { $0.0 == s } ? s : nil } ?? "rank"
            descending = try request.query("dir") == "desc"
            page = try request.positive("page") ?? 1
        }

        /// This query's URL with some parameters changed.
        func href(team: String, sort: String? = nil, descending: Bool? = nil, page: Int? = nil) -> String {
            var pairs = [("team", team)]
            for (name, value) in [("kind", kind), ("status", status), ("category", category), ("incident", incident)]
            where !value.isEmpty {
                pairs.append((name, value))
            }
            pairs.append(("sort", sort ?? self.sort))
            if descending ?? self.descending { pairs.append(("dir", "desc")) }
            if let page = page ?? (self.page > 1 ? self.page : nil) { pairs.append(("page", "\(page)")) }
            return "/backlog?" + pairs.map { "\($0.0)=\(WebSignIn.encoded($0.1))" }.joined(separator: "&")
        }
    }

    static func page(_ request: Request, _ operations: some Operations, session: WebSession) async throws -> Response {
        let query = try Query(request)
        let teams = try await operations.teams()
        let me = try await operations.me()
        guard let team = query.team ?? me.team ?? teams.first?.key else {
            throw Problem(
                .notFound, status: .notFound, detail: "There are no teams yet: make one with firebreak team create.")
        }
        // The category is not in a ranked item: the operations pick that category's items, which keep
        // their ranks in the whole backlog; the other filters read the ranked items.
        let selection = try await operations.backlogSelection(
            team: team, asOf: Date(), filter: query.category.isEmpty ? .all : .category(query.category))
        let unfiltered = query.kind.isEmpty && query.status.isEmpty && query.incident.isEmpty
        let filtered =
            unfiltered
            ? selection.items
            : selection.items.filter { item in
                (query.kind.isEmpty || item.kind.rawValue == query.kind)
                    && (query.status.isEmpty || item.status.rawValue == query.status)
                    && (query.incident.isEmpty
                        || item.incidents.contains { $0.caseInsensitiveCompare(query.incident) == .orderedSame })
            }
        // The ranking is already in rank order.
        let sorted =
            query.sort == "rank" && !query.descending
            ? filtered : sort(filtered, by: query.sort, descending: query.descending)
        let pages = max(1, (sorted.count + pageSize - 1) / pageSize)
        let page = min(query.page, pages)
        let shown = sorted.dropFirst((page - 1) * pageSize).prefix(pageSize)
        let view = View(
            team: team, teams: teams.map { TeamOption(key: $0.key, selected: $0.key == team) },
            kinds: [Option(value: "", label: "Any", selected: query.kind.isEmpty)]
                + ActionKind.allCases.map {
                    Option(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == query.kind)
                },
            statuses: [("", "Open or claimed"), ("open", "open"), ("claimed", "claimed")].map {
                Option(value: $0.0, label: $0.1, selected: $0.0 == query.status)
            },
            sorts: sortable.map { Option(value: $0.0, label: $0.1, selected: $0.0 == query.sort) },
            category: query.category, incident: query.incident,
            columns: sortable.map { column in
                let current = column.0 == query.sort
                return Column(
                    label: column.1,
                    href: query.href(
                        team: team, sort: column.0, descending: current ? !query.descending : false, page: 1),
                    sorted: current ? (query.descending ? "descending" : "ascending") : nil)
            },
            rows: shown.map { item in
                Row(
                    rank: item.rank, key: item.key, team: team, title: item.title, kind: item.kind.rawValue,
                    status: item.status.rawValue, value: NumberText.twoDecimals(item.value),
                    effort: NumberText.plain(item.effort) + (item.estimated ? "" : " (default)"),
                    priority: NumberText.twoDecimals(item.priority), incidents: item.incidents.joined(separator: ", "),
                    claimedBy: item.claimedBy ?? "")
            },
            summary: "\(filtered.count) of \(selection.rankedCount) ranked items, as of now.", page: page, pages: pages,
            previous: page > 1 ? query.href(team: team, page: page - 1) : nil,
            next: page < pages ? query.href(team: team, page: page + 1) : nil)
        return WebPage.render("backlog", view, title: "Backlog", session: session, current: "/backlog")
    }

    /// `items` in the order of the column `column`; ties keep the rank order.
    static func sort(_ items: [RankedItem], by column: String, descending: Bool) -> [RankedItem] {
        func before(_ a: RankedItem, _ b: RankedItem) -> Bool {
            switch column {
            case "key": return ItemKey.naturalLess(a.key, b.key)
            case "title": return a.title.localizedCaseInsensitiveCompare(b.title) == .orderedAscending
            case "kind": return a.kind.rawValue < b.kind.rawValue
            case "status": return a.status.rawValue < b.status.rawValue
            case "value": return a.value < b.value
            case "effort": return a.effort < b.effort
            case "priority": return a.priority < b.priority
            case "incidents": return a.incidents.count < b.incidents.count
            case "claimedBy": return (a.claimedBy ?? "") < (b.claimedBy ?? "")
            default: return a.rank < b.rank
            }
        }
        let ordered = items.enumerated().sorted { x, y in
            if before(x.element, y.element) { return !descending }
            if before(y.element, x.element) { return descending }
            return x.offset < y.offset
        }
        return ordered.map(\.element)
    }
}
