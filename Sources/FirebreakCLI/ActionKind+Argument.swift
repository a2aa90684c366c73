public import ArgumentParser
public import FirebreakCore

extension ActionKind: ExpressibleByArgument {}
extension ActionStatus: ExpressibleByArgument {}
extension JiraCSVOptions.Epics: ExpressibleByArgument {}
