import FirebreakCore
import FirebreakTesting
import Testing

@Suite("Key index")
struct KeyIndexTests {
    @Test(
        arguments: [
            ([], "INC-1", nil), (["INC-1"], "INC-1", 0), (["INC-1"], "INC-2", nil),
            (["INC-1", "INC-2", "INC-1"], "INC-1", 0), (["INC-1", "INC-2", "INC-1"], "INC-2", 1),
            (["", "A"], "", 0), (["É-1", "E-1"], "E-1", 1), (["É-1", "E-1"], "É-1", 0),
            (["a-very-long-incident-key-past-fifteen-bytes"], "a-very-long-incident-key-past-fifteen-bytes", 0),
            (["a-very-long-incident-key-past-fifteen-bytes"], "a-very-long-incident-key-past-fifteen-byteS", nil),
        ] as [([String], String, Int?)])
    func positions(keys: [String], key: String, position: Int?) {
        #expect(KeyIndex(keys).position(of: key) == position)
    }

    /// Against the dictionary it stands in for: first positions kept, absent keys absent, at sizes
    /// that fill the table to its limit and keys of every length.
    @Test(arguments: [0, 1, 2, 3, 4] as [UInt64]) func findsWhatADictionaryFinds(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let count = [15, 16, 17, 1000, 20_000][Int(seed) % 5]
        let keys = (0..<count).map { _ in
            let prefix = ["INC", "PM2021", "OUT-2026", "a-much-longer-prefix"].randomElement(using: &random)!
            return "\(prefix)-\(Int.random(in: 0..<count, using: &random))"
        }
        let index = KeyIndex(keys)
        let dictionary = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for key in keys + (0..<count).map({ "MISS-\($0)" }) {
            #expect(index.position(of: key) == dictionary[key], "\(key)")
        }
    }
}
