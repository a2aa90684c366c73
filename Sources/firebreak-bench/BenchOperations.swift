import FirebreakOperations
import FirebreakStore

/// The operations as the CLI runs them on its own database, as a manager: ranking and planning are
/// measured through the layer every face calls, so a cost the layer adds shows in the figures.
extension LocalOperations where Runner == DirectRunner {
    static func bench(_ db: Database) -> Self {
        LocalOperations(
            runner: DirectRunner(database: db),
            caller: Caller(name: "bench", role: .manager, engineer: nil, team: nil, actor: "bench"))
    }
}
