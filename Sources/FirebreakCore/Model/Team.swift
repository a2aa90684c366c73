/// A team: its calendar and cadence (DESIGN.md section 5), its scoring weights
/// (section 4) and its WIP limit.
public struct Team: Sendable, Codable, Equatable {
    public var key: String
    public var name: String
    public var cadence: Cadence
    public var weights: ScoringWeights
    /// How many items one engineer may hold claimed at once. Default 2.
    public var wipLimit: Int
    /// The team's own names for severities (`critical` = SEV1), keyed by the lower-cased, trimmed
    /// alias (``Team/aliasKey(_:)``). A report's severity is read from a named scale (`SEV1`, `P1`)
    /// or from this table, never guessed. Default empty.
    public var severityAliases: [String: Severity]

    public init(
        key: String, name: String, cadence: Cadence = Cadence(), weights: ScoringWeights = ScoringWeights(),
        wipLimit: Int = 2, severityAliases: [String: Severity] = [:]
    ) {
        self.key = key
        self.name = name
        self.cadence = cadence
        self.weights = weights
        self.wipLimit = wipLimit
        self.severityAliases = severityAliases
    }

    /// Decodes a team; `severityAliases` may be absent (documents written before it existed).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        name = try c.decode(String.self, forKey: .name)
        cadence = try c.decode(Cadence.self, forKey: .cadence)
        weights = try c.decode(ScoringWeights.self, forKey: .weights)
        wipLimit = try c.decode(Int.self, forKey: .wipLimit)
        severityAliases = try c.decodeIfPresent([String: Severity].self, forKey: .severityAliases) ?? [:]
    }

    /// An upper-case letter, then up to 19 upper-case letters, digits or underscores (`CORE`, `OPS_2`).
    public static func isValidKey(_ key: String) -> Bool {
        guard let first = key.first, first.isASCII, first.isUppercase, key.count <= 20 else { return false }
        return key.allSatisfy { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "_" }
    }
}

extension Team {
    /// The first setting out of range, in words that name it; nil when all are valid.
    public func validationError() -> String? { validationProblem()?.message }

    /// The first setting out of range: the API's field that holds it and what is wrong, in words
    /// that name it; nil when all are valid. Whole numbers are bounded by what PostgreSQL's
    /// `integer` holds, so that a value too large is this error and not the database's.
    public func validationProblem() -> (field: String, message: String)? {
        let w = weights, c = cadence
        func bad(_ value: Double) -> Bool { !value.isFinite }
        let whole = Int(Int32.max)
        // Bounded so that an incident's cost stays finite and does not underflow, also in
        // PostgreSQL, which fails such a float8 instead of rounding it (ScoringBounds).
        let weights = "0 or a number \(ScoringBounds.text(ScoringBounds.weight))"
        if name.isEmpty || name.unicodeScalars.count > Self.maxNameLength {
            return ("name", "team name must be 1 to \(Self.maxNameLength) characters")
        }
        if !ScoringBounds.isWeight(w.ticketWeight) { return ("ticketWeight", "ticket weight must be \(weights)") }
        if !ScoringBounds.isWeight(w.customerMultiplier) {
            return ("customerMultiplier", "customer multiplier must be \(weights)")
        }
        if bad(w.halfLifeDays) || w.halfLifeDays <= 0 {
            return ("halfLifeDays", "half-life must be a number of days above 0")
        }
        if !ScoringBounds.estimate.contains(w.defaultEstimate) {
            return (
                "defaultEstimate",
                "default estimate must be a number of story points \(ScoringBounds.text(ScoringBounds.estimate))"
            )
        }
        if !(1...366).contains(c.sprintLengthDays) {
            return ("sprintLengthDays", "sprint length must be 1 to 366 days, got \(c.sprintLengthDays)")
        }
        if !(0...whole).contains(c.improvementEvery) {
            return ("improvementEvery", "every must be 0 (off) to \(whole), got \(c.improvementEvery)")
        }
        if bad(c.backlogShare) || c.backlogShare < 0 || c.backlogShare > 100 {
            return ("backlogShare", "share must be 0 to 100 percent")
        }
        if (c.budgetCost == nil) != (c.budgetDays == nil) {
            return (c.budgetCost == nil ? "budgetCost" : "budgetDays", "budget needs both a cost and a number of days")
        }
        if let cost = c.budgetCost, bad(cost) || cost < 0 {
            return ("budgetCost", "budget cost must be a number of 0 or more")
        }
        if let days = c.budgetDays, !(1...whole).contains(days) {
            return ("budgetDays", "budget days must be 1 to \(whole), got \(days)")
        }
        if !(1...whole).contains(wipLimit) { return ("wipLimit", "WIP limit must be 1 to \(whole), got \(wipLimit)") }
        return severityAliasesProblem().map { ("severityAliases", $0) }
    }

    /// The longest team name, in Unicode scalars (PostgreSQL's `length`); the schema's limit.
    public static let maxNameLength = 200
}
