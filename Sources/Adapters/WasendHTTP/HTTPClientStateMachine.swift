import DequeModule

/// Admission, hand-off, cancellation and shutdown of transfers, as a value type that returns
/// actions: the client runs it under a lock and performs the actions (wake the curl thread,
/// fail a transfer) after releasing it.
///
/// At most `maxInFlight` transfers are admitted (handed to or running on the curl thread);
/// later ones wait with their task suspended until a slot frees.
struct HTTPClientStateMachine {
    enum Phase: Equatable {
        case running
        /// No new requests; admitted and waiting ones still run to completion.
        case draining
        /// No new requests; everything pending fails with ``HTTPClientError/clientShutDown``.
        case aborting
        case stopped
    }

    private(set) var phase: Phase = .running
    private let maxInFlight: Int
    /// Transfers handed to the curl thread (or queued for it) and not yet finished.
    private var admittedCount = 0
    /// Admitted transfers the curl thread has not picked up yet; never more than `maxInFlight`.
    private var handOff: [Transfer] = []
    /// Transfers beyond `maxInFlight`, each with its submitter suspended.
    private var waiting = Deque<Transfer>()
    /// Transfers whose task was cancelled after the hand-off; the curl thread removes them.
    private var cancellations: [Transfer.ID] = []
    /// Whether the curl thread was woken and has not looked at the hand-off since; saves a
    /// `curl_multi_wakeup` syscall per request while it is busy.
    private var threadSignalled = false
    private var shutdownWaiters: [CheckedContinuation<Void, Never>] = []

    init(maxInFlight: Int) {
        self.maxInFlight = max(1, maxInFlight)
    }

    /// Requests submitted and not finished yet, admitted or waiting.
    var pendingCount: Int { admittedCount + waiting.count }

    // MARK: Submitters

    enum SubmitAction {
        case none
        case wakeThread
        case fail(Transfer)
    }

    mutating func submit(_ transfer: Transfer) -> SubmitAction {
        guard phase == .running else { return .fail(transfer) }
        guard admittedCount < maxInFlight else {
            waiting.append(transfer)
            return .none
        }
        admittedCount += 1
        handOff.append(transfer)
        return signalThread() ? .wakeThread : .none
    }

    enum CancelAction {
        case none
        case wakeThread
        /// The transfer had not been admitted yet: the canceller fails it.
        case fail(Transfer)
    }

    mutating func cancel(_ id: Transfer.ID) -> CancelAction {
        if let index = waiting.firstIndex(where: { $0.id == id }) {
            return .fail(waiting.remove(at: index))
        }
        guard phase == .running || phase == .draining else { return .none }
        // Admitted, or already finished: the curl thread ignores identifiers it does not know.
        cancellations.append(id)
        return signalThread() ? .wakeThread : .none
    }

    enum ShutdownAction {
        /// Already stopped: resume the caller now.
        case resume(CheckedContinuation<Void, Never>?)
        /// The curl thread resumes the caller when it stops; fail `transfers` now.
        case wait(wakeThread: Bool, failing: [Transfer])
    }

    mutating func shutdown(gracefully: Bool, continuation: CheckedContinuation<Void, Never>?) -> ShutdownAction {
        if phase == .stopped {
            return .resume(continuation)
        }
        if let continuation {
            shutdownWaiters.append(continuation)
        }
        switch (phase, gracefully) {
        case (.running, true):
            phase = .draining
            return .wait(wakeThread: signalThread(), failing: [])
        case (.running, false), (.draining, false):
            phase = .aborting
            var failing = Array(waiting)
            failing.append(contentsOf: handOff)
            admittedCount -= handOff.count
            waiting.removeAll()
            handOff.removeAll()
            return .wait(wakeThread: signalThread(), failing: failing)
        case (.draining, true), (.aborting, _), (.stopped, _):
            return .wait(wakeThread: false, failing: [])
        }
    }

    // MARK: The curl thread

    /// Moves the admitted transfers and the cancellations into the curl thread's (empty) buffers,
    /// swapping buffers so that neither side allocates in the steady state.
    /// Returns whether the thread must abort everything it runs.
    mutating func takeWork(transfers: inout [Transfer], cancellations: inout [Transfer.ID]) -> Bool {
        threadSignalled = false
        swap(&transfers, &handOff)
        swap(&cancellations, &self.cancellations)
        return phase == .aborting
    }

    enum NextStep {
        /// Work was admitted meanwhile: go round again without waiting.
        case proceed
        /// Wait for sockets, timers or a wake-up.
        case poll
        /// Nothing is left to do: clean up and stop.
        case exit
    }

    /// The curl thread finished `count` transfers: frees their slots for waiting submitters.
    mutating func transfersFinished(_ count: Int) -> NextStep {
        admittedCount -= count
        if phase == .aborting {
            return admittedCount == 0 ? .exit : .proceed
        }
        while admittedCount < maxInFlight, let next = waiting.popFirst() {
            admittedCount += 1
            handOff.append(next)
        }
        if phase == .draining && admittedCount == 0 && waiting.isEmpty {
            return .exit
        }
        return handOff.isEmpty ? .poll : .proceed
    }

    /// The curl thread stopped: whoever awaited the shutdown may go on.
    mutating func threadStopped() -> [CheckedContinuation<Void, Never>] {
        phase = .stopped
        defer { shutdownWaiters = [] }
        return shutdownWaiters
    }

    private mutating func signalThread() -> Bool {
        guard !threadSignalled else { return false }
        threadSignalled = true
        return true
    }
}
