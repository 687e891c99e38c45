import Logging
import Synchronization
import WasendCampaigns
import WasendCore
import WasendKafka
import WasendLimits
import WasendTenants

/// The sender's work: jobs from Kafka through the campaign gate, the limiter and the ledger to
/// the Cloud API, and their outcomes back to Kafka, with offsets stored only after that.
///
/// Three loops share one locked state: the feeder takes batches from the consumer into the
/// ``WaitingRoom``; the dispatcher takes due jobs (as many as there are free send slots) and
/// sends them; the finisher makes each outcome durable (ledger, then Kafka) and stores offsets.
/// A ticker rings the dispatcher and the finisher every few milliseconds so waits end on time.
final class JobPipeline: Sendable {
    struct Parts: Sendable {
        var consumer: KafkaConsumer
        var producer: KafkaProducer
        var limiter: SendLimiter
        var ledger: SendLedger
        var controls: NumberControls
        var campaigns: CampaignStates
        var providers: ProviderDirectory
        var failures: CampaignFailureWindows
        var autoPause: CampaignAutoPause
    }

    struct State: Sendable {
        var tracker = OffsetTracker()
        var room: WaitingRoom
        /// Jobs taken by the dispatcher whose send has not come back yet.
        var inFlight = 0
        /// Admission batches in their Redis round trips.
        var admissions = 0
        /// How many admitted jobs may wait for their slot: fresh jobs are admitted only below it.
        var admissionWindow: AdmissionWindow
        /// How long admissions' round trips took lately, as a slowly decaying maximum: slots are
        /// asked for twice that far ahead, so reservations land before their slots even when Redis
        /// or this process is slow, and jobs are not admitted again for being late.
        var admissionTime: Duration = .zero
        var completions: [Completion] = []
        /// Completions the finisher is making durable now.
        var settling = 0
        var draining = false
        var dispatcherStopped = false
        /// Set while Redis cannot be reached, so the outage is logged once, not per batch.
        var redisUnavailable = false
        /// When this sender last raised the stop alert for each number: the sends in flight when a
        /// number stops all come back with the same error, and one alert a minute is enough.
        var stopAlerts: [String: ContinuousClock.Instant] = [:]
    }

    let configuration: SenderConfiguration
    let parts: Parts
    let logger: Logger
    let numbers: [String: SenderNumber]
    let state: Mutex<State>
    let dispatcherBell = Doorbell()
    let finisherBell = Doorbell()
    private let feeding = Mutex<Task<Void, any Error>?>(nil)

    init(configuration: SenderConfiguration, parts: Parts, logger: Logger) {
        self.configuration = configuration
        self.parts = parts
        self.logger = logger
        self.numbers = Dictionary(configuration.numbers.map { ($0.phoneNumberID, $0) }) { first, _ in first }
        self.state = Mutex(
            State(
                room: WaitingRoom(maxPerPartition: configuration.maxHeldPerPartition, maxTotal: configuration.maxHeld),
                admissionWindow: AdmissionWindow(
                    minimum: configuration.maxInFlight, maximum: configuration.maxHeld,
                    step: configuration.admissionBatchSize)))
    }

    /// Runs until ``drain()`` was called and everything in flight is durable, or a loop fails.
    func run() async throws {
        let feeder = Task { try await feed() }
        feeding.withLock { $0 = feeder }
        defer { feeder.cancel() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.dispatch() }
            group.addTask { try await self.finish() }
            group.addTask { await self.tick() }
            group.addTask { await self.refreshCampaignStates() }
            group.addTask {
                // A failing feeder (Kafka) ends the sender; a cancelled one is the drain.
                do { try await feeder.value } catch is CancellationError {}
            }
            try await group.waitForAll()
        }
    }

    /// Stops taking jobs; sends in flight finish and their outcomes become durable, then `run` returns.
    func drain() {
        state.withLock { $0.draining = true }
        feeding.withLock { $0?.cancel() }
        dispatcherBell.ring()
        finisherBell.ring()
    }

    /// Jobs reserved but not sent (held for their send slot), to release on the way out so the
    /// next owner of their partitions need not wait for the leases to end.
    func reservedLeftovers() -> [SendJob] {
        state.withLock { $0.room.removeAll() }.filter(\.reserved).map(\.job)
    }

    // MARK: Feeding

    private func feed() async throws {
        while let batch = try await parts.consumer.nextBatch() {
            var held: [(PendingJob, Timestamp)] = []
            var unreadable: [Completion] = []
            var tickets: [OffsetTracker.Ticket] = []
            state.withLock { state in
                tickets = batch.map { state.tracker.receive($0).ticket }
            }
            for (message, ticket) in zip(batch, tickets) {
                do {
                    let job = try SendJob(json: message.value)
                    held.append((PendingJob(job: job, ticket: ticket), job.notBefore ?? .epoch))
                } catch {
                    unreadable.append(
                        Completion(
                            ticket: ticket,
                            disposition: .deadLetter(message, reason: "unreadable_record", detail: "\(error)")))
                }
            }
            let toPause = state.withLock { state in
                state.completions += unreadable
                return held.compactMap { state.room.hold($0.0, until: $0.1) }
            }
            try pause(toPause)
            dispatcherBell.ring()
            if !unreadable.isEmpty { finisherBell.ring() }
            while state.withLock({ $0.room.isFull && !$0.draining }) {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
    }

    func pause(_ partitions: [KafkaTopicPartition]) throws {
        guard !partitions.isEmpty else { return }
        try parts.consumer.pause(partitions)
        logger.debug("partitions paused: enough jobs held", metadata: ["partitions": "\(partitions)"])
    }

    /// Keeps the campaign states of jobs held for their slots fresh, so a pause or a cancel stops
    /// them at their slot (see ``CampaignStates``). A failed read leaves the last states: the
    /// admissions' own reads fail too then, and nothing new is admitted.
    private func refreshCampaignStates() async {
        while !state.withLock({ $0.dispatcherStopped }) {
            try? await Task.sleep(for: configuration.campaignStateMaxAge / 2)
            do { try await parts.campaigns.refresh() } catch {
                logger.debug("refreshing campaign states failed", metadata: ["error": "\(error)"])
            }
        }
    }

    private func tick() async {
        while !Task.isCancelled,
            !state.withLock({
                $0.draining && $0.dispatcherStopped && $0.inFlight == 0 && $0.completions.isEmpty && $0.settling == 0
            })
        {
            try? await Task.sleep(for: .milliseconds(5))
            dispatcherBell.ring()
            finisherBell.ring()
        }
        dispatcherBell.close()
        finisherBell.close()
    }
}
