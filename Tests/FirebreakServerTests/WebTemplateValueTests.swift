import Mustache
import Testing

@testable import FirebreakServer

/// The views turned into dictionaries before rendering render exactly as the structs themselves.
@Suite("Web template values")
struct WebTemplateValueTests {
    /// `template` rendered from `view` as it is (swift-mustache reads it by Mirror) and as dictionaries.
    static func both(_ view: Any, _ template: String) -> (structs: String, dictionaries: String) {
        let library = WebTemplates.library
        return (
            library.render(view, withTemplate: template) ?? "",
            library.render(WebTemplateValue.of(view), withTemplate: template) ?? ""
        )
    }

    @Test func nestedStructsOptionalsArraysAndBoolsRenderAlike() throws {
        struct Inner {
            var name: String
            var note: String?
            var flag: Bool
        }
        struct Outer {
            var note: String
            var count: Int
            var items: [Inner]
            var none: [Inner]
            var first: Inner?
            var missing: Inner?
        }
        let outer = Outer(
            note: "outer note", count: 3,
            items: [Inner(name: "<a>", note: nil, flag: true), Inner(name: "b", note: "own", flag: false)], none: [],
            first: Inner(name: "f", note: nil, flag: true), missing: nil)
        let text = """
            {{count}}{{#items}}[{{name}} {{note}} {{#flag}}on{{/flag}}{{^flag}}off{{/flag}}]{{/items}}\
            {{^none}}empty{{/none}}{{#first}}({{name}} {{note}}){{/first}}{{^missing}}no{{/missing}}
            """
        var library = MustacheLibrary()
        try library.register(text, named: "t")
        let structs = library.render(outer, withTemplate: "t")
        let dictionaries = library.render(WebTemplateValue.of(outer), withTemplate: "t")
        // A nil note is not found, so the outer note shows: Mustache's lookup up the context stack.
        #expect(structs == "3[&lt;a&gt; outer note on][b own off]empty(f outer note)no")
        #expect(dictionaries == structs)
    }

    @Test func thePagesRenderAlike() {
        let item = WebPlan.Item(
            key: "ACT-1", title: "<script>x</script>", effort: "3", priority: "1.50", claimedBy: nil, reason: nil,
            reasonText: nil)
        let claimed = WebPlan.Item(
            key: "ACT-2", title: "Two", effort: "2", priority: "1.00", claimedBy: "amara", reason: "fits",
            reasonText: "It fits.")
        var board = WebPlan.Board(nil)
        board.sprints = [
            WebPlan.Sprint(
                name: "S1", kind: "improvement", improvement: true, dates: "a to b", capacity: "10", used: "5",
                value: "2.00", items: [item, claimed])
        ]
        board.unplanned = [WebPlan.Unplanned(key: "ACT-3", reason: "capacity", reasonText: "No room.")]
        let plan = WebPlan.View(
            team: "CORE", teams: [WebBacklog.TeamOption(key: "CORE", selected: true)], number: 2, asOf: "now",
            board: board, canPlan: true, sprintCount: 6,
            plans: [WebPlan.PlanOption(number: 2, label: "Plan 2", href: "/plan?plan=2", selected: true)],
            downloads: [WebPlan.Download(label: "JSON", href: "/plan/download?format=json")], diffFrom: [], diffTo: [])
        let rendered = Self.both(plan, "plan")
        #expect(rendered.structs.contains("&lt;script&gt;x&lt;/script&gt;"))
        #expect(rendered.structs.contains("No room."))
        #expect(rendered.dictionaries == rendered.structs)

        let layout = WebPage.Layout(
            title: "Plan", signedIn: true, who: "amara", role: "manager", csrf: "c",
            nav: [
                WebPage.NavLink(href: "/plan", label: "Plan", current: true),
                WebPage.NavLink(href: "/backlog", label: "Backlog", current: false),
            ], body: rendered.structs)
        let page = Self.both(layout, "layout")
        #expect(page.structs.contains("aria-current=\"page\">Plan</a>"))
        #expect(page.dictionaries == page.structs)
    }
}
