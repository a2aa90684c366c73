import FirebreakOperations
import FirebreakStore

extension FirebreakRequestContext {
    /// Who the request's token speaks for, as the operations know callers.
    var caller: Caller {
        Caller(
            name: principal?.tokenName ?? "anonymous", role: principal?.role ?? .viewer,
            engineer: principal?.engineer, team: nil, actor: actor)
    }

    /// The operations as this request's caller, over `backend`.
    func operations(_ backend: Backend) -> LocalOperations<BackendRunner> {
        LocalOperations(runner: BackendRunner(backend: backend), caller: caller)
    }
}
