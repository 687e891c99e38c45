import WasendCore

/// The webhook queue as a state machine: updates wait in a timing wheel until due, go out in
/// batches, and batches not answered 200 come back after a backoff until they are abandoned.
///
/// It performs no I/O and reads no clock: the dispatcher passes the time in (nanoseconds on the
/// simulator's clock) and carries out the deliveries it returns. Everything it holds, waiting,
/// in flight or awaiting a retry, counts against `capacity`.
struct WebhookSchedule: Sendable {
    /// A batch handed to the dispatcher; it comes back through ``complete(_:succeeded:now:)``.
    struct Delivery: Sendable {
        var events: [WebhookEvent]
        /// The signed body once encoded: a retry posts exactly the same bytes, as Meta does.
        var body: WebhookPayloadEncoder.SignedBody?
        /// 1 for the first POST.
        var attempt: Int
        /// Deliveries handed out before ``removeAll()`` are not retried after it.
        fileprivate var generation: Int
    }

    enum Completion: Equatable, Sendable {
        case delivered
        case retryScheduled
        case abandoned
    }

    private struct PendingRetry: Sendable {
        var due: Int64
        var delivery: Delivery
    }

    let capacity: Int
    let batchSize: Int
    let concurrency: Int
    let maximumAttempts: Int
    private let tick: Int64
    private let initialBackoff: Int64
    private let maximumBackoff: Int64

    /// Updates not yet due, by tick.
    private var wheel: [Int64: [WebhookEvent]] = [:]
    /// The last tick moved to `ready`.
    private var cursor: Int64
    /// Due updates in the order they became due; `readyStart` is the first not yet taken.
    private var ready: [WebhookEvent] = []
    private var readyStart = 0
    private var retries: [PendingRetry] = []
    /// Updates held anywhere in the schedule, in-flight ones included.
    private(set) var count = 0
    private(set) var inFlight = 0
    private var inFlightEvents = 0
    private var generation = 0

    init(configuration: WebhookConfiguration, now: Int64) {
        self.capacity = max(1, configuration.queueCapacity)
        self.batchSize = max(1, configuration.batchSize)
        self.concurrency = max(1, configuration.concurrency)
        self.maximumAttempts = max(1, configuration.maximumAttempts)
        self.tick = max(1, configuration.tick.nanoseconds)
        self.initialBackoff = max(0, configuration.retryInitialBackoff.nanoseconds)
        self.maximumBackoff = max(self.initialBackoff, configuration.retryMaximumBackoff.nanoseconds)
        self.cursor = now / self.tick
    }

    /// Adds an update due at `due`; `false` when the schedule is full and the update was dropped.
    mutating func schedule(_ event: WebhookEvent, due: Int64) -> Bool {
        guard count < capacity else { return false }
        count += 1
        let slot = due / tick
        if slot <= cursor {
            ready.append(event)
        } else {
            wheel[slot, default: []].append(event)
        }
        return true
    }

    /// The batches to post now: retries that are due first, then fresh batches of due updates, at
    /// most as many as free delivery slots. A `duplicateFraction` of the fresh updates is scheduled
    /// again, within the next second, to arrive a second time in a later POST; `duplicated` counts them.
    mutating func takeDeliveries(
        now: Int64,
        shuffle: Bool,
        duplicateFraction: Double,
        random: inout SplitMix64
    ) -> (deliveries: [Delivery], duplicated: Int) {
        advance(to: now / tick)
        var deliveries: [Delivery] = []
        var duplicated = 0
        var index = retries.startIndex
        while deliveries.count + inFlight < concurrency, index < retries.endIndex {
            if retries[index].due <= now {
                deliveries.append(retries.remove(at: index).delivery)
            } else {
                index += 1
            }
        }
        while deliveries.count + inFlight < concurrency, readyStart < ready.count {
            let end = min(ready.count, readyStart + batchSize)
            var events = Array(ready[readyStart..<end])
            readyStart = end
            if shuffle {
                events.shuffle(using: &random)
            }
            if duplicateFraction > 0 {
                for event in events where !event.isDuplicate && random.nextUnitInterval() < duplicateFraction {
                    var copy = event
                    copy.isDuplicate = true
                    if schedule(copy, due: now + Int64(random.nextUnitInterval() * 1e9)) {
                        duplicated += 1
                    }
                }
            }
            deliveries.append(Delivery(events: events, body: nil, attempt: 1, generation: generation))
        }
        compactReady()
        inFlight += deliveries.count
        inFlightEvents += deliveries.reduce(0) { $0 + $1.events.count }
        return (deliveries, duplicated)
    }

    /// Records the outcome of a POST: a failed one is retried with exponential backoff until
    /// `maximumAttempts`, then abandoned (as Meta drops after its retry period).
    mutating func complete(_ delivery: Delivery, succeeded: Bool, now: Int64) -> Completion {
        inFlight -= 1
        inFlightEvents -= delivery.events.count
        if succeeded || delivery.attempt >= maximumAttempts || delivery.generation != generation {
            count -= delivery.events.count
            return succeeded ? .delivered : .abandoned
        }
        let exponent = min(delivery.attempt - 1, 32)
        let (scaled, overflow) = initialBackoff.multipliedReportingOverflow(by: Int64(1) << exponent)
        let backoff = overflow ? maximumBackoff : min(scaled, maximumBackoff)
        var retry = delivery
        retry.attempt += 1
        retries.append(PendingRetry(due: now + backoff, delivery: retry))
        return .retryScheduled
    }

    /// Forgets every update except those in flight, whose completions still arrive.
    mutating func removeAll() {
        wheel.removeAll()
        ready.removeAll()
        readyStart = 0
        retries.removeAll()
        count = inFlightEvents
        generation += 1
    }

    /// Updates that are due or scheduled, not counting those in flight or awaiting a retry.
    var waiting: Int { wheel.values.reduce(0) { $0 + $1.count } + ready.count - readyStart }

    private mutating func advance(to slot: Int64) {
        guard slot > cursor else { return }
        if wheel.isEmpty {
            cursor = slot
            return
        }
        if slot - cursor <= Int64(wheel.count) {
            for due in (cursor + 1)...slot {
                if let events = wheel.removeValue(forKey: due) {
                    ready.append(contentsOf: events)
                }
            }
        } else {
            for due in wheel.keys.filter({ $0 <= slot }).sorted() {
                ready.append(contentsOf: wheel.removeValue(forKey: due)!)
            }
        }
        cursor = slot
    }

    private mutating func compactReady() {
        if readyStart == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyStart = 0
        } else if readyStart > 4_096, readyStart * 2 > ready.count {
            ready.removeFirst(readyStart)
            readyStart = 0
        }
    }
}
