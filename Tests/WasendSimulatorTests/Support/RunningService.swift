import Logging
import ServiceLifecycle

struct ServiceDidNotStart: Error, CustomStringConvertible {
    var description: String { "the service stopped before it was listening" }
}

/// Runs a listening service in its own `ServiceGroup` for the duration of `body`, which gets the
/// bound port; then shuts the service down gracefully and waits for it.
func withRunningService<Result: Sendable>(
    _ makeService: (_ onServerRunning: @escaping @Sendable (Int) async -> Void) -> any Service,
    _ body: (_ port: Int) async throws -> Result
) async throws -> Result {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let service = makeService { port in
        continuation.yield(port)
        continuation.finish()
    }
    let group = ServiceGroup(
        configuration: .init(services: [service], gracefulShutdownSignals: [], logger: Logger(label: "wasend.test")))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await tasks.waitForAll()
            throw ServiceDidNotStart()
        }
        do {
            let result = try await body(port)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held. Tests assert on
/// the outcome, never on how long it took.
func eventually(timeout: Duration = .seconds(15), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
