import Logging
import ServiceLifecycle

public struct ServiceDidNotStart: Error, CustomStringConvertible {
    public var description: String { "the service stopped before it was listening" }
}

/// Runs a listening service in its own `ServiceGroup` for the duration of `body`, which gets the
/// bound port; then shuts the service down gracefully and waits for it.
///
/// Gracefully, never by cancelling its task: a Hummingbird server cancelled while it accepts a
/// connection drops the accepted channel unserved, and swift-nio traps ("Deinited NIOAsyncWriter
/// without calling finish()", apple/swift-nio#2813), which took a whole CI test run down.
public func withRunningService<Result: Sendable>(
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
