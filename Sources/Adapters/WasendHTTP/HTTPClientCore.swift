import Logging
import Synchronization

/// What the public client and its curl thread share: the state machine behind a lock, the
/// multi handle to wake the thread, and the configuration.
final class HTTPClientCore: Sendable {
    let configuration: HTTPClient.Configuration
    let logger: Logger
    let multi: MultiHandle
    let state: Mutex<HTTPClientStateMachine>
    private let nextTransferID = Atomic<Transfer.ID>(0)

    init(configuration: HTTPClient.Configuration, logger: Logger) throws(HTTPClientError) {
        self.configuration = configuration
        self.logger = logger
        self.multi = try MultiHandle(configuration: configuration)
        self.state = Mutex(HTTPClientStateMachine(maxInFlight: configuration.maxInFlight))
    }

    func makeTransferID() -> Transfer.ID {
        nextTransferID.wrappingAdd(1, ordering: .relaxed).newValue
    }

    func submit(_ transfer: Transfer) {
        switch state.withLock({ $0.submit(transfer) }) {
        case .none: break
        case .wakeThread: multi.wakeUp()
        case .fail(let transfer): transfer.fail(with: .clientShutDown)
        }
    }

    func cancel(_ id: Transfer.ID) {
        switch state.withLock({ $0.cancel(id) }) {
        case .none: break
        case .wakeThread: multi.wakeUp()
        case .fail(let transfer): transfer.fail(with: .taskCancelled)
        }
    }

    func shutdown(gracefully: Bool, continuation: CheckedContinuation<Void, Never>?) {
        switch state.withLock({ $0.shutdown(gracefully: gracefully, continuation: continuation) }) {
        case .resume(let continuation):
            continuation?.resume()
        case .wait(let wakeThread, let failing):
            for transfer in failing {
                transfer.fail(with: .clientShutDown)
            }
            if wakeThread {
                multi.wakeUp()
            }
        }
    }
}
