import WasendCore

/// Everything the simulator remembers, as one value behind one lock: the limits' state per number,
/// per (number, recipient) pair and per portfolio, the statistics and the webhook schedule.
///
/// Each send costs one short critical section with no I/O and few allocations; the handlers decode,
/// encode, sleep and write outside it. Time is passed in as nanoseconds on the simulator's clock;
/// the limits are WasendCore's (``GCRA``, ``UniqueRecipientWindow``), the very arithmetic the
/// senders enforce, on timestamps that start at the wall-clock time the simulator started.
struct SimulatorState: Sendable {
    /// What a valid send request turns into.
    enum Admission: Sendable {
        case accepted(messageID: String)
        case rejected(SimulatedError)
        /// Answer a bare HTTP 503.
        case serverError
        /// Drop the connection without answering.
        case connectionReset
        /// Taken like `accepted`, but drop the connection instead of answering.
        case answerLost(messageID: String)
    }

    /// The parts of a send request that the limits and webhooks depend on.
    struct SendAttempt: Sendable {
        var numberIndex: Int
        var recipient: PhoneNumber
        var callbackData: String?
        /// The template's category, lowercased, for the pricing in status webhooks.
        var pricingCategory: String?
    }

    private struct PairKey: Hashable, Sendable {
        var numberIndex: Int
        var recipient: PhoneNumber
    }

    private static let nanosecondsPerSecond: Int64 = 1_000_000_000
    /// Pair entries are swept once a second, and only when there are more than this many.
    private static let pairSweepThreshold = 10_000

    let numbers: [SimulatedPhoneNumber]
    private(set) var behaviour: SimulatorBehaviour
    private let maximumTrackedJobs: Int

    /// The wall-clock time at the simulator's start: `now` nanoseconds after it is a core `Timestamp`.
    private let epochMilliseconds: Int64
    private var throughput: [GCRA.State]
    private var pairs: [PairKey: GCRA.State] = [:]
    private var lastPairSweepSecond: Int64 = 0
    private var portfolios: [String: UniqueRecipientWindow] = [:]
    /// Stop recipients who already answered "STOP" (they answer once).
    private var stoppedRecipients: Set<String> = []
    private var random: SplitMix64
    private var messageIDs: MessageIDGenerator
    private(set) var statistics: SimulatorStatistics
    /// `nil` when no webhook URL is configured.
    private var webhooks: WebhookSchedule?

    init(configuration: SimulatorConfiguration, now: Int64, epochMilliseconds: Int64) {
        self.epochMilliseconds = epochMilliseconds
        self.numbers = configuration.phoneNumbers
        self.behaviour = configuration.behaviour
        self.maximumTrackedJobs = configuration.maximumTrackedJobs
        self.throughput = Array(repeating: GCRA.State(), count: configuration.phoneNumbers.count)
        var random = SplitMix64(seed: configuration.randomSeed ?? UInt64.random(in: .min ... .max))
        self.messageIDs = MessageIDGenerator(prefix: random.next())
        self.random = random
        self.statistics = SimulatorStatistics(numberCount: configuration.phoneNumbers.count)
        self.webhooks = configuration.webhook.url.map { _ in WebhookSchedule(configuration: configuration.webhook, now: now) }
    }

    // MARK: Sends

    /// Decides a valid send: an injected fault, a limit's error, or acceptance with its webhooks scheduled.
    ///
    /// The three limits are checked before any of them is charged, so a send refused by one does
    /// not use up another.
    mutating func admit(_ send: SendAttempt, now: Int64) -> Admission {
        if let fault = drawFault() {
            switch fault {
            case .rejected(let error): statistics.recordRejection(code: error.code)
            case .serverError: statistics.serverErrors += 1
            case .connectionReset: statistics.connectionResets += 1
            case .accepted, .answerLost: break
            }
            return fault
        }
        let number = numbers[send.numberIndex]
        let timestamp = self.timestamp(now)
        var throughputState = throughput[send.numberIndex]
        guard throughputLimit(of: number).acquire(1, from: &throughputState, now: timestamp).granted == 1 else {
            return reject(.throughputExceeded)
        }
        let pairKey = PairKey(numberIndex: send.numberIndex, recipient: send.recipient)
        var pairState = pairs[pairKey] ?? GCRA.State()
        guard pairLimit.acquire(1, from: &pairState, now: timestamp).granted == 1 else {
            return reject(.pairRateExceeded)
        }
        // Checked last: the window counts the recipient as it admits it.
        var window = portfolios.removeValue(forKey: number.portfolioID) ?? UniqueRecipientWindow(tier: behaviour.messagingTier)
        window.tier = behaviour.messagingTier
        let admission = window.admit(send.recipient, now: timestamp, customerServiceWindowOpen: false)
        portfolios[number.portfolioID] = window
        guard case .admitted = admission else {
            return reject(.messagingLimitExceeded)
        }
        throughput[send.numberIndex] = throughputState
        pairs[pairKey] = pairState

        let second = now / Self.nanosecondsPerSecond
        sweepPairs(second: second, now: timestamp)
        statistics.recordAccepted(numberIndex: send.numberIndex, jobID: send.callbackData, second: second, maximumTrackedJobs: maximumTrackedJobs)
        let messageID = messageIDs.next(recipient: send.recipient.digits)
        scheduleStatuses(of: send, messageID: messageID, acceptedAt: now)
        if behaviour.lostAnswerFraction > 0, random.nextUnitInterval() < behaviour.lostAnswerFraction {
            statistics.lostAnswers += 1
            return .answerLost(messageID: messageID)
        }
        return .accepted(messageID: messageID)
    }

    /// Counts a send refused before admission (token, number, body, template).
    mutating func recordRejection(_ error: SimulatedError) {
        statistics.recordRejection(code: error.code)
    }

    /// The latency to add to the next send's answer.
    mutating func drawLatency() -> Duration {
        guard behaviour.latencyJitter > .zero else { return behaviour.latency }
        return behaviour.latency + behaviour.latencyJitter * random.nextUnitInterval()
    }

    private mutating func reject(_ error: SimulatedError) -> Admission {
        statistics.recordRejection(code: error.code)
        return .rejected(error)
    }

    private mutating func drawFault() -> Admission? {
        let draw = random.nextUnitInterval()
        var threshold = behaviour.connectionResetFraction
        if draw < threshold { return .connectionReset }
        threshold += behaviour.serverErrorFraction
        if draw < threshold { return .serverError }
        threshold += behaviour.transientErrorFraction
        if draw < threshold { return .rejected(.somethingWentWrong) }
        return nil
    }

    private func timestamp(_ now: Int64) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: epochMilliseconds + now / 1_000_000)
    }

    private func throughputLimit(of number: SimulatedPhoneNumber) -> GCRA {
        let messagesPerSecond = number.messagesPerSecond ?? behaviour.defaultMessagesPerSecond
        return GCRA(
            emissionInterval: .seconds(1 / messagesPerSecond),
            burst: behaviour.throughputBurst ?? max(1, Int(messagesPerSecond)))
    }

    private var pairLimit: GCRA {
        GCRA(emissionInterval: behaviour.pairInterval, burst: behaviour.pairBurst)
    }

    /// Forgets idle pairs (an idle limiter allows as much as a missing one), at most once a second.
    private mutating func sweepPairs(second: Int64, now: Timestamp) {
        guard second != lastPairSweepSecond else { return }
        lastPairSweepSecond = second
        if pairs.count > Self.pairSweepThreshold {
            let pairLimit = self.pairLimit
            pairs = pairs.filter { pairLimit.idleAt($0.value).map { $0 > now } ?? false }
        }
    }

    // MARK: Webhooks

    /// `sent`, then `delivered` (or `failed` 131026 for undeliverable recipients), then for some
    /// `read`, each after its configured delay varied by ±50 %, and a "STOP" from stop recipients.
    private mutating func scheduleStatuses(of send: SendAttempt, messageID: String, acceptedAt now: Int64) {
        guard webhooks != nil else { return }
        let status = WebhookEvent(
            update: .sent, messageID: messageID, user: send.recipient.digits, phoneNumberIndex: send.numberIndex,
            callbackData: send.callbackData, pricingCategory: send.pricingCategory)
        let sentAt = now + jittered(behaviour.sentDelay)
        let settledAt = sentAt + jittered(behaviour.deliveredDelay)
        schedule(status, due: sentAt)
        if behaviour.undeliverableRecipients.contains(send.recipient.digits) {
            schedule(status.with(.failed(code: 131026)), due: settledAt)
            return
        }
        schedule(status.with(.delivered), due: settledAt)
        if random.nextUnitInterval() < behaviour.readFraction {
            schedule(status.with(.read), due: settledAt + jittered(behaviour.readDelay))
        }
        if behaviour.stopRecipients.contains(send.recipient.digits), stoppedRecipients.insert(send.recipient.digits).inserted {
            let inbound = WebhookEvent(
                update: .inboundText("STOP"), messageID: messageIDs.next(recipient: send.recipient.digits), user: send.recipient.digits,
                phoneNumberIndex: send.numberIndex, callbackData: nil, pricingCategory: nil)
            statistics.inboundMessagesScheduled += 1
            schedule(inbound, due: settledAt + jittered(behaviour.readDelay))
        }
    }

    private mutating func schedule(_ event: WebhookEvent, due: Int64) {
        if webhooks?.schedule(event, due: due) == false {
            statistics.webhookUpdatesDropped += 1
        }
    }

    private mutating func jittered(_ delay: Duration) -> Int64 {
        Int64(Double(delay.nanoseconds) * (0.5 + random.nextUnitInterval()))
    }

    /// The webhook POSTs to make now (see ``WebhookSchedule/takeDeliveries(now:shuffle:duplicateFraction:random:)``).
    mutating func takeWebhookDeliveries(now: Int64) -> [WebhookSchedule.Delivery] {
        guard
            let taken = webhooks?.takeDeliveries(
                now: now, shuffle: behaviour.shuffleBatches, duplicateFraction: behaviour.duplicateFraction, random: &random)
        else { return [] }
        statistics.webhookDuplicatesInjected += taken.duplicated
        return taken.deliveries
    }

    mutating func completeWebhookDelivery(_ delivery: WebhookSchedule.Delivery, succeeded: Bool, now: Int64) {
        guard let completion = webhooks?.complete(delivery, succeeded: succeeded, now: now) else { return }
        if succeeded {
            statistics.webhookPostsDelivered += 1
            statistics.webhookUpdatesDelivered += delivery.events.count
        } else {
            statistics.webhookFailedAttempts += 1
            if completion == .abandoned {
                statistics.webhookPostsAbandoned += 1
            }
        }
    }

    // MARK: Administration

    mutating func replaceBehaviour(_ behaviour: SimulatorBehaviour) {
        self.behaviour = behaviour
    }

    /// Forgets every limit's history, the statistics and the queued webhooks; keeps the behaviour.
    mutating func reset() {
        throughput = Array(repeating: GCRA.State(), count: numbers.count)
        pairs.removeAll()
        portfolios.removeAll()
        stoppedRecipients.removeAll()
        statistics = SimulatorStatistics(numberCount: numbers.count)
        webhooks?.removeAll()
    }

    func report(now: Int64, includingJobs: Bool) -> SimulatorReport {
        var numberReports: [String: SimulatorReport.Number] = [:]
        for (index, number) in numbers.enumerated() {
            numberReports[number.id] = .init(
                acceptedSends: statistics.numbers[index].acceptedSends,
                peakSendsPerSecond: statistics.numbers[index].peakSendsPerSecond,
                peakSecondStart: statistics.numbers[index].peakSecond < 0
                    ? nil : timestamp(statistics.numbers[index].peakSecond * Self.nanosecondsPerSecond))
        }
        var portfolioReports: [String: SimulatorReport.Portfolio] = [:]
        for portfolioID in Set(numbers.map(\.portfolioID)) {
            portfolioReports[portfolioID] = .init(
                uniqueRecipients: portfolios[portfolioID]?.count(at: timestamp(now)) ?? 0,
                messagingLimit: behaviour.messagingTier.limit)
        }
        return SimulatorReport(
            acceptedSends: statistics.acceptedSends,
            distinctJobs: statistics.acceptedPerJob.count,
            duplicateJobs: Dictionary(uniqueKeysWithValues: statistics.duplicateJobs.map { ($0, statistics.acceptedPerJob[$0] ?? 0) }),
            acceptedPerJob: includingJobs ? statistics.acceptedPerJob : nil,
            untrackedJobSends: statistics.untrackedJobSends,
            sendsWithoutJobID: statistics.sendsWithoutJobID,
            rejectionsByCode: Dictionary(uniqueKeysWithValues: statistics.rejectionsByCode.map { (String($0.key), $0.value) }),
            serverErrors: statistics.serverErrors,
            connectionResets: statistics.connectionResets,
            lostAnswers: statistics.lostAnswers,
            numbers: numberReports,
            portfolios: portfolioReports,
            webhooks: .init(
                postsDelivered: statistics.webhookPostsDelivered,
                updatesDelivered: statistics.webhookUpdatesDelivered,
                failedAttempts: statistics.webhookFailedAttempts,
                postsAbandoned: statistics.webhookPostsAbandoned,
                updatesDropped: statistics.webhookUpdatesDropped,
                duplicatesInjected: statistics.webhookDuplicatesInjected,
                inboundMessages: statistics.inboundMessagesScheduled,
                queued: webhooks?.count ?? 0))
    }
}

extension WebhookEvent {
    fileprivate func with(_ update: Update) -> WebhookEvent {
        var event = self
        event.update = update
        return event
    }
}
