import DequeModule

/// The pool's bookkeeping, with no I/O and no locks: each event returns the action the caller must
/// perform once it has left the lock (resume a waiter, make a connection, fail a request).
///
/// Connections are made lazily, one per lease that finds none idle, up to `maximumConnections`;
/// beyond that, leases wait in FIFO order, at most `maximumWaitingRequests` of them.
struct RedisConnectionPoolStateMachine<Connection, Request> {
    enum LeaseAction {
        /// Give this idle connection to the request.
        case use(Connection, Request)
        /// Make a new connection with this id and give it to the request.
        case makeConnection(id: Int, Request)
        /// The request waits for a release.
        case wait
        case fail(Request, RedisError)
    }

    enum ReleaseAction {
        /// Give the released connection to the request that waited longest.
        case handOver(Connection, Request)
        /// The connection went back to the idle list, or was dropped because the pool shut down.
        case none
    }

    private let maximumConnections: Int
    private let maximumWaitingRequests: Int
    private var idleConnections: [Connection] = []
    private var connectionCount = 0
    private var waitingRequests: Deque<(id: Int, request: Request)> = []
    private var isShutDown = false

    init(maximumConnections: Int, maximumWaitingRequests: Int) {
        self.maximumConnections = maximumConnections
        self.maximumWaitingRequests = maximumWaitingRequests
    }

    mutating func leaseConnection(for request: Request, id requestID: Int) -> LeaseAction {
        if isShutDown {
            return .fail(request, RedisError(.poolShutDown, "the Redis client was shut down"))
        }
        // Last in, first out: the warmest connection serves, the others may time out unused.
        if let connection = idleConnections.popLast() {
            return .use(connection, request)
        }
        if connectionCount < maximumConnections {
            connectionCount += 1
            return .makeConnection(id: connectionCount, request)
        }
        if waitingRequests.count >= maximumWaitingRequests {
            return .fail(
                request,
                RedisError(
                    .tooManyWaiters,
                    "\(waitingRequests.count) requests already wait for one of \(maximumConnections) Redis connections"))
        }
        waitingRequests.append((requestID, request))
        return .wait
    }

    mutating func releaseConnection(_ connection: Connection) -> ReleaseAction {
        if let waiting = waitingRequests.popFirst() {
            return .handOver(connection, waiting.request)
        }
        if !isShutDown {
            idleConnections.append(connection)
        }
        return .none
    }

    /// Removes a waiting request whose task was cancelled; `nil` when it was already served.
    mutating func cancelRequest(id requestID: Int) -> Request? {
        guard let index = waitingRequests.firstIndex(where: { $0.id == requestID }) else { return nil }
        return waitingRequests.remove(at: index).request
    }

    /// Drops the idle connections and returns the waiting requests, to be failed. Leased
    /// connections are dropped when they come back.
    mutating func shutDown() -> [Request] {
        isShutDown = true
        idleConnections.removeAll()
        defer { waitingRequests.removeAll() }
        return waitingRequests.map(\.request)
    }
}
