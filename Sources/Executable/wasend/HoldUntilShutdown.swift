import ServiceLifecycle

/// Keeps a service group (and so the process) alive until it is asked to shut down, for
/// commands whose work runs on threads of their own (the embedded Kafka).
struct HoldUntilShutdown: Service {
    func run() async throws {
        try? await gracefulShutdown()
    }
}
