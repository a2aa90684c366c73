import Foundation

/// A linear value axis from 0 to a round maximum, with evenly spaced round ticks.
///
/// Chart geometry comes from the data, and the data may be empty, all zero, negative or not
/// finite: the scale then falls back to 0...`tickCount` with steps of 1, and `fraction(of:)`
/// clamps to 0...1, so that no coordinate is ever NaN or off the plot.
struct ChartScale: Equatable {
    /// The top of the axis: a whole number of steps, at least the largest value.
    let maximum: Double
    /// The distance between two ticks: 1, 2, 2.5 or 5 times a power of ten.
    let step: Double

    /// A scale for values up to `largest`, with about `tickCount` steps (default 5).
    /// With `integral` (story points), steps are whole numbers. Default false.
    init(largest: Double, tickCount: Int = 5, integral: Bool = false) {
        let count = max(1, tickCount)
        var chosen = 0.0, top = 0.0
        if largest.isFinite, largest > 0 {
            let rough = largest / Double(count)
            let magnitude = pow(10, log10(rough).rounded(.down))
            let normalised = rough / magnitude
            let multiples: [Double] = integral ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]
            chosen = (multiples.first { normalised <= $0 } ?? 10) * magnitude
            if integral { chosen = max(1, chosen.rounded(.up)) }
            top = (largest / chosen).rounded(.up) * chosen
        }
        // Near the ends of Double's range the arithmetic above overflows or underflows.
        guard chosen.isFinite, chosen > 0, top.isFinite, top > 0 else {
            maximum = Double(count)
            step = 1
            return
        }
        step = chosen
        maximum = top
    }

    /// The tick values from 0 to `maximum`, both included.
    var ticks: [Double] {
        let steps = Int((maximum / step).rounded())
        return (0...max(0, steps)).map { Double($0) * step }
    }

    /// Where `value` lies on the axis, from 0 (bottom) to 1 (top), clamped.
    func fraction(of value: Double) -> Double {
        guard value.isFinite, maximum > 0 else { return 0 }
        return min(max(value / maximum, 0), 1)
    }

    /// A tick label of this axis, all ticks in one unit: thousands (`15k`) once the axis reaches
    /// 10,000, millions (`1.5M`) once it reaches 1,000,000; at most 2 decimals.
    func tickLabel(_ value: Double) -> String {
        if value == 0 { return "0" }
        if maximum >= 1_000_000 { return NumberText.decimals(value / 1_000_000) + "M" }
        if maximum >= 10_000 { return NumberText.decimals(value / 1000) + "k" }
        return NumberText.decimals(value)
    }

    /// A value label short enough for a narrow bar (`12.5k`, `1.2M`), with at most 2 decimals.
    static func label(_ value: Double) -> String {
        let size = abs(value)
        if size >= 1_000_000 { return NumberText.decimals(value / 1_000_000, places: 1) + "M" }
        if size >= 10_000 { return NumberText.decimals(value / 1000, places: 1) + "k" }
        return NumberText.decimals(value)
    }
}
