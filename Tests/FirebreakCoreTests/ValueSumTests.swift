import FirebreakCore
import Testing

@Suite("An action's value, summed exactly (DESIGN §4)")
struct ValueSumTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var terms: [Double]
        var value: Double
    }

    static func sum(_ terms: [Double]) -> Double {
        var sum = ValueSum()
        for term in terms { sum.add(term) }
        return sum.value
    }

    /// Values worked out by hand, in units of 2^-32.
    static let cases: [Case] = [
        Case(description: "nothing", terms: [], value: 0),
        Case(description: "whole numbers", terms: [40, 2.5, 0.25], value: 42.75),
        // Added left to right as doubles, 0.1 + 0.2 + 0.3 is 0.6000000000000001.
        Case(
            description: "tenths, counted in units", terms: [0.1, 0.2, 0.3],
            value: (429_496_730 + 858_993_459 + 1_288_490_189) / 0x1p32),
        Case(description: "under half a unit is 0", terms: [0x1p-34], value: 0),
        Case(description: "half a unit rounds to even", terms: [0x1p-33, 3 * 0x1p-33], value: 2 * 0x1p-32),
        Case(description: "a term past 2^30 is added as it is", terms: [0x1p31, 1], value: 0x1p31 + 1),
        Case(
            description: "units past 2^64 carry",
            terms: [0x1p29, 0x1p29, 0x1p29, 0x1p29, 0x1p29, 0x1p29, 0x1p29, 0x1p29],
            value: 0x1p32),
    ]

    @Test(arguments: cases)
    func sumsByHand(_ c: Case) {
        #expect(Self.sum(c.terms) == c.value)
    }

    /// Plain double addition gives 0.6000000000000001 one way and 0.6 the other; the sum does not.
    @Test(arguments: [[0.1, 0.2, 0.3], [1e-3, 1e3, 0.7, 12.125, 1e-9, 333.3], [0.25, 0x1p-33, 7e8, 0x1p31, 3e-5]])
    func everyOrderGivesTheSameBits(_ terms: [Double]) {
        let first = Self.sum(terms)
        for order in Self.permutations(terms) {
            #expect(Self.sum(order).bitPattern == first.bitPattern, "\(order)")
        }
    }

    static func permutations(_ items: [Double]) -> [[Double]] {
        guard let head = items.first else { return [[]] }
        return permutations(Array(items.dropFirst())).flatMap { rest in
            (0...rest.count).map { i in
                var order = rest
                order.insert(head, at: i)
                return order
            }
        }
    }
}
