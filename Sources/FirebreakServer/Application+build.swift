import FirebreakCore
public import FirebreakStore
import Foundation
import HTTPTypes
public import Hummingbird
import HummingbirdCore
public import Logging
import Metrics
import NIOCore
import PostgresNIO
import Prometheus
import ServiceLifecycle
import UnixSignals

/// The service: every `/v1` route behind a bearer token, the open routes (`/healthz`,
/// `/readyz`, `/metrics`, `/openapi.yaml`), errors as problem+json, one log line per request.
public enum FirebreakService {
    /// Builds the application over `database`. `onRunning` gets the bound port (useful with port 0).
    public static func application(
        configuration: ServerConfiguration, database: Database, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        application(
            configuration: configuration, backend: Backend(database: database, configuration: configuration),
            connections: ConnectionRegistry(configuration, logger: logger), logger: logger,
            onRunning: onRunning)
    }

    static func application(
        configuration: ServerConfiguration, backend: Backend, connections: ConnectionRegistry, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void
    ) -> some ApplicationProtocol {
        let (router, _) = router(backend: backend)
        let server = HTTPServerBuilder { responder in
            GuardedHTTP1Channel(
                responder: responder, registry: connections, idleTimeout: configuration.idleTimeout,
                requestTimeout: configuration.requestTimeout)
        }
        return Application(
            router: router, server: server,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: configuration.name,
                backlog: Self.backlog),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    /// Connections the kernel queues before the server accepts them; Linux caps it at
    /// `net.core.somaxconn` (4096 since 5.4). Above Hummingbird's 256, so that a burst of
    /// connections waits a moment instead of being refused, while the server evicts or refuses
    /// at its own limit.
    static let backlog = 4096

    /// Serves until SIGTERM or SIGINT, then lets the requests in flight finish for up to
    /// `drainTimeout`, cuts the rest and returns. A second signal cuts at once.
    public static func serve(
        configuration: ServerConfiguration, database: Database, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let backend = Backend(database: database, configuration: configuration)
        let connections = ConnectionRegistry(configuration, logger: logger)
        let app = application(
            configuration: configuration, backend: backend, connections: connections, logger: logger,
            onRunning: onRunning)
        let server = DrainingServer(
            app: app, connections: connections, drainTimeout: configuration.drainTimeout, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The router and the table of its routes.
    public static func router(backend: Backend) -> (Router<FirebreakRequestContext>, [APIRoute]) {
        let registry = FirebreakMetrics.registry
        let router = Router(context: FirebreakRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: WebErrorMiddleware())
        var open: [APIRoute] = []
        func serve(
            _ path: String, _ handler: @escaping @Sendable (Request, FirebreakRequestContext) async throws -> Response
        ) {
            open.append(APIRoute(method: .get, path: path, role: nil))
            router.get(RouterPath(path), use: handler)
        }
        serve("/healthz") { _, _ in Reply.text("ok\n", mediaType: "text/plain; charset=utf-8") }
        serve("/readyz") { _, _ in
            let pending = try await backend.run(deadline: .seconds(2)) { db in
                try await Migrator(database: db).status().filter { $0.appliedAt == nil }.map(\.migration.name)
            }
            guard pending.isEmpty else {
                throw Problem(
                    .unavailable, status: .serviceUnavailable,
                    detail: "migrations not applied: \(pending.joined(separator: ", "))")
            }
            return Reply.text("ready\n", mediaType: "text/plain; charset=utf-8")
        }
        serve("/metrics") { _, _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        serve("/openapi.yaml") { _, _ in
            Reply.text(try OpenAPIDocument.text(), mediaType: "application/yaml; charset=utf-8")
        }
        let v1 = router.group("v1").add(middleware: AuthMiddleware(backend: backend))
        var api = RouteRegistry(group: v1, prefix: "/v1")
        api.addMe(backend)
        api.addTeams(backend)
        api.addIncidents(backend)
        api.addImports(backend)
        api.addLifecycle(backend)
        api.addActions(backend)
        api.addBacklog(backend)
        api.addNext(backend)
        api.addPlans(backend)
        WebApp.add(to: router, backend: backend)
        return (router, open + api.routes)
    }
}

/// The metrics registry `/metrics` serves; swift-metrics is bootstrapped onto it once per process.
enum FirebreakMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

/// `openapi.yaml`, shipped with the build.
public enum OpenAPIDocument {
    public static func text() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw Problem(
                .internalError, status: .internalServerError, detail: "openapi.yaml is missing from the build")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
