import Logging
import Synchronization

/// A bounded set of `RedisConnection`s shared by concurrent tasks; each lease has a connection to
/// itself for the time of one pipeline.
final class RedisConnectionPool: Sendable {
    private typealias Request = CheckedContinuation<RedisConnection, any Error>
    private typealias LeaseAction = RedisConnectionPoolStateMachine<RedisConnection, Request>.LeaseAction

    private let configuration: RedisConfiguration
    private let logger: Logger
    private let state: Mutex<RedisConnectionPoolStateMachine<RedisConnection, Request>>
    private let nextRequestID = Atomic<Int>(0)

    init(configuration: RedisConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.state = Mutex(
            RedisConnectionPoolStateMachine(
                maximumConnections: configuration.maximumConnections,
                maximumWaitingRequests: configuration.maximumWaitingRequests))
    }

    func withConnection<Result: Sendable>(
        _ body: (RedisConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await leaseConnection()
        defer { releaseConnection(connection) }
        return try await body(connection)
    }

    /// Fails the waiting requests and every later one; leases under way finish normally.
    func shutDown() {
        let requests = state.withLock { $0.shutDown() }
        for request in requests {
            request.resume(throwing: RedisError(.poolShutDown, "the Redis client was shut down"))
        }
    }

    private func leaseConnection() async throws -> RedisConnection {
        let requestID = nextRequestID.wrappingAdd(1, ordering: .relaxed).newValue
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (request: Request) in
                let action = state.withLock { state -> LeaseAction? in
                    let action = state.leaseConnection(for: request, id: requestID)
                    // Cancelled before it was queued, so the cancellation handler found nothing to remove.
                    if case .wait = action, Task.isCancelled, state.cancelRequest(id: requestID) != nil {
                        return nil
                    }
                    return action
                }
                guard let action else {
                    request.resume(throwing: CancellationError())
                    return
                }
                switch action {
                case .use(let connection, let request):
                    request.resume(returning: connection)
                case .makeConnection(let id, let request):
                    request.resume(returning: RedisConnection(id: id, configuration: configuration, logger: logger))
                case .wait:
                    break
                case .fail(let request, let error):
                    request.resume(throwing: error)
                }
            }
        } onCancel: {
            state.withLock { $0.cancelRequest(id: requestID) }?.resume(throwing: CancellationError())
        }
    }

    private func releaseConnection(_ connection: RedisConnection) {
        switch state.withLock({ $0.releaseConnection(connection) }) {
        case .handOver(let connection, let request):
            request.resume(returning: connection)
        case .none:
            break
        }
    }
}
