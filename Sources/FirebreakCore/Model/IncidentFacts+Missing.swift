extension IncidentFacts {
    /// The fields the report still lacks, as `OutageReport.missingFields` names them.
    public var missingFields: [String] {
        OutageReport(
            title: key, startedAt: startedAt, outageMinutes: outageMinutes, severity: severity, tickets: tickets
        ).missingFields
    }
}
