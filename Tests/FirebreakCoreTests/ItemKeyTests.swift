import FirebreakCore
import Testing

@Suite("Item keys")
struct ItemKeyTests {
    @Test(arguments: [
        ("ACT-2", "ACT-10", true), ("ACT-10", "ACT-2", false), ("ACT-9", "ACT-10", true), ("ACT-10", "ACT-10", false),
        ("ACT-2", "ACT-02", true), ("ACT-1", "ACT-1a", true), ("ACT-1", "BCT-1", true),
        ("PM2019-009", "PM2021-006", true),
        ("OPS-100", "OPS-99", false), ("A", "AB", true), ("ACT-2x", "ACT-10", true),
    ])
    func naturalOrder(a: String, b: String, less: Bool) {
        #expect(ItemKey.naturalLess(a, b) == less)
    }

    @Test(arguments: [
        ("", []), ("INC-7", ["INC-7"]), ("INC-10 INC-2 INC-9", ["INC-2", "INC-9", "INC-10"]),
        ("PM2021-006  OPS-1 ", ["OPS-1", "PM2021-006"]), (" É-1 A-2", ["A-2", "É-1"]),
    ])
    func spaceSeparatedListsInNaturalOrder(list: String, keys: [String]) {
        #expect(ItemKey.naturallySorted(spaceSeparated: list) == keys)
    }

    @Test(arguments: [
        ("INC-7", true), ("PM2021-006", true), ("OUT-2026-014", true), ("ACT-12", true), ("Note", false),
        ("7-INC", false), ("INC-", false), ("INC-x", false), ("a-1", true),
    ])
    func validKeys(key: String, valid: Bool) {
        #expect(ItemKey.isValid(key) == valid)
    }

    @Test(arguments: [
        ("dfds-PM2021-006-503s.md", "PM2021-006"), ("OUT-2026-014.md", "OUT-2026-014"), ("INC-01.md", "INC-01"),
        ("posthog-2025-09-29-flags-is-down.md", nil), ("report.md", nil),
    ])
    func keysFromFileNames(name: String, key: String?) {
        #expect(ItemKey.fromFileName(name) == key)
    }
}
