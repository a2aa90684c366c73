public import FirebreakCore
import FirebreakStore

/// A change to a team's settings, as `team set` gives it and `PATCH /v1/teams/{team}` carries it: nil
/// leaves a setting as it is. In JSON, the keys of the team (`ticketWeight`, `sprintOneStarts`, ...);
/// `budgetCost` and `budgetDays` given as null turn the error budget off, and a severity alias given as
/// null is removed.
public struct TeamChanges: Sendable, Equatable, Codable {
    public var name: String?
    public var sprintLengthDays: Int?
    public var sprintOneStarts: CalendarDate?
    public var improvementEvery: Int?
    public var backlogShare: Double?
    public var budgetCost: Double?
    public var budgetDays: Int?
    /// Turns the error-budget rule off; a `budgetCost` and `budgetDays` given too then turn it on again.
    public var clearBudget = false
    public var ticketWeight: Double?
    public var customerMultiplier: Double?
    public var halfLifeDays: Double?
    public var defaultEstimate: Double?
    public var wipLimit: Int?
    /// Aliases to set (a severity) or to remove (nil); the team's other aliases stay.
    public var severityAliases: [String: Severity?] = [:]

    public init() {}

    /// Every setting of `team`: what a new team is created with.
    public init(settingsOf team: Team) {
        let (c, w) = (team.cadence, team.weights)
        name = team.name
        sprintLengthDays = c.sprintLengthDays
        sprintOneStarts = c.sprintOneStarts
        improvementEvery = c.improvementEvery
        backlogShare = c.backlogShare
        budgetCost = c.budgetCost
        budgetDays = c.budgetDays
        ticketWeight = w.ticketWeight
        customerMultiplier = w.customerMultiplier
        halfLifeDays = w.halfLifeDays
        defaultEstimate = w.defaultEstimate
        wipLimit = team.wipLimit
        severityAliases = team.severityAliases.mapValues { $0 }
    }

    /// `team` with these changes. Removing an alias the team does not have is refused, naming the
    /// field, so that a misspelt alias is not silently kept; the settings are checked together by the
    /// store after the change (``Team/validationProblem()``).
    public func apply(to team: inout Team) throws {
        if let name { team.name = name }
        if let sprintLengthDays { team.cadence.sprintLengthDays = sprintLengthDays }
        if let sprintOneStarts { team.cadence.sprintOneStarts = sprintOneStarts }
        if let improvementEvery { team.cadence.improvementEvery = improvementEvery }
        if let backlogShare { team.cadence.backlogShare = backlogShare }
        if clearBudget {
            team.cadence.budgetCost = nil
            team.cadence.budgetDays = nil
        }
        if let budgetCost { team.cadence.budgetCost = budgetCost }
        if let budgetDays { team.cadence.budgetDays = budgetDays }
        if let ticketWeight { team.weights.ticketWeight = ticketWeight }
        if let customerMultiplier { team.weights.customerMultiplier = customerMultiplier }
        if let halfLifeDays { team.weights.halfLifeDays = halfLifeDays }
        if let defaultEstimate { team.weights.defaultEstimate = defaultEstimate }
        if let wipLimit { team.wipLimit = wipLimit }
        for (alias, severity) in severityAliases.sorted(by: { $0.key < $1.key }) {
            if let problem = Team.severityAliasProblem(Team.severityAliasKey(alias)) {
                throw StoreError.invalid(problem, field: "severityAliases")
            }
            if team.setSeverityAlias(alias, to: severity) == nil && severity == nil {
                let known = team.severityAliases.keys.sorted()
                throw StoreError.invalid(
                    "team \(team.key) has no severity alias \"\(Team.severityAliasKey(alias))\"; "
                        + (known.isEmpty ? "it has none" : "its aliases: \(known.joined(separator: ", "))"),
                    field: "severityAliases")
            }
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, sprintLengthDays, sprintOneStarts, improvementEvery, backlogShare, budgetCost, budgetDays
        case ticketWeight, customerMultiplier, halfLifeDays, defaultEstimate, wipLimit, severityAliases
    }

    /// The keys a body may hold.
    public static let keys = Set(CodingKeys.allCases.map(\.rawValue))

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        sprintLengthDays = try c.decodeIfPresent(Int.self, forKey: .sprintLengthDays)
        sprintOneStarts = try c.decodeIfPresent(CalendarDate.self, forKey: .sprintOneStarts)
        improvementEvery = try c.decodeIfPresent(Int.self, forKey: .improvementEvery)
        backlogShare = try c.decodeIfPresent(Double.self, forKey: .backlogShare)
        budgetCost = try c.decodeIfPresent(Double.self, forKey: .budgetCost)
        budgetDays = try c.decodeIfPresent(Int.self, forKey: .budgetDays)
        // An explicit null turns the budget off; an absent key leaves it.
        let nulled = [CodingKeys.budgetCost, .budgetDays].filter { c.contains($0) }
        clearBudget = try !nulled.isEmpty && nulled.allSatisfy { try c.decodeNil(forKey: $0) }
        ticketWeight = try c.decodeIfPresent(Double.self, forKey: .ticketWeight)
        customerMultiplier = try c.decodeIfPresent(Double.self, forKey: .customerMultiplier)
        halfLifeDays = try c.decodeIfPresent(Double.self, forKey: .halfLifeDays)
        defaultEstimate = try c.decodeIfPresent(Double.self, forKey: .defaultEstimate)
        wipLimit = try c.decodeIfPresent(Int.self, forKey: .wipLimit)
        let aliases = try c.decodeIfPresent([String: Int?].self, forKey: .severityAliases) ?? [:]
        severityAliases = try aliases.mapValues { number in
            guard let number else { return nil }
            guard let level = Severity(rawValue: number) else {
                throw StoreError.invalid(
                    "a severity alias must name a severity from 1 (SEV1) to 4 (SEV4), not \(number)",
                    field: "severityAliases")
            }
            return level
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(sprintLengthDays, forKey: .sprintLengthDays)
        try c.encodeIfPresent(sprintOneStarts, forKey: .sprintOneStarts)
        try c.encodeIfPresent(improvementEvery, forKey: .improvementEvery)
        try c.encodeIfPresent(backlogShare, forKey: .backlogShare)
        if clearBudget && budgetCost == nil && budgetDays == nil {
            try c.encodeNil(forKey: .budgetCost)
            try c.encodeNil(forKey: .budgetDays)
        } else {
            try c.encodeIfPresent(budgetCost, forKey: .budgetCost)
            try c.encodeIfPresent(budgetDays, forKey: .budgetDays)
        }
        try c.encodeIfPresent(ticketWeight, forKey: .ticketWeight)
        try c.encodeIfPresent(customerMultiplier, forKey: .customerMultiplier)
        try c.encodeIfPresent(halfLifeDays, forKey: .halfLifeDays)
        try c.encodeIfPresent(defaultEstimate, forKey: .defaultEstimate)
        try c.encodeIfPresent(wipLimit, forKey: .wipLimit)
        if !severityAliases.isEmpty {
            try c.encode(severityAliases.mapValues { $0?.rawValue }, forKey: .severityAliases)
        }
    }
}
