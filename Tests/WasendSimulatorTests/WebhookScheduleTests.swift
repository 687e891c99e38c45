import Testing
import WasendCore

@testable import WasendSimulator

/// The webhook queue's state machine on its own: time is passed in, nothing is posted.
@Suite("Webhook schedule")
struct WebhookScheduleTests {
    private static let millisecond: Int64 = 1_000_000

    private func makeSchedule(capacity: Int = 100, batchSize: Int = 3, concurrency: Int = 2, maximumAttempts: Int = 3) -> WebhookSchedule {
        WebhookSchedule(
            configuration: WebhookConfiguration(
                url: "http://127.0.0.1/webhook", batchSize: batchSize, queueCapacity: capacity, concurrency: concurrency,
                retryInitialBackoff: .milliseconds(100), retryMaximumBackoff: .milliseconds(250), maximumAttempts: maximumAttempts,
                tick: .milliseconds(10)),
            now: 0)
    }

    private func event(_ index: Int) -> WebhookEvent {
        WebhookEvent(update: .sent, messageID: "wamid.\(index)", user: "1555000\(index)", phoneNumberIndex: 0, callbackData: "job-\(index)")
    }

    private func take(_ schedule: inout WebhookSchedule, at now: Int64, random: inout SplitMix64) -> [WebhookSchedule.Delivery] {
        schedule.takeDeliveries(now: now, shuffle: false, duplicateFraction: 0, random: &random).deliveries
    }

    @Test("updates leave only once due, in batches, within the concurrency")
    func dueBatches() {
        var schedule = makeSchedule()
        var random = SplitMix64(seed: 1)
        for index in 0..<8 {
            let accepted = schedule.schedule(event(index), due: 50 * Self.millisecond)
            #expect(accepted)
        }
        #expect(take(&schedule, at: 40 * Self.millisecond, random: &random).isEmpty)

        let first = take(&schedule, at: 50 * Self.millisecond, random: &random)
        #expect(first.map(\.events.count) == [3, 3])
        #expect(first.flatMap(\.events).map(\.messageID) == (0..<6).map { "wamid.\($0)" })
        #expect(take(&schedule, at: 60 * Self.millisecond, random: &random).isEmpty)

        _ = schedule.complete(first[0], succeeded: true, now: 60 * Self.millisecond)
        let second = take(&schedule, at: 60 * Self.millisecond, random: &random)
        #expect(second.map(\.events.count) == [2])
        #expect(schedule.count == 5)
    }

    @Test("a full schedule refuses new updates")
    func capacity() {
        var schedule = makeSchedule(capacity: 2)
        var accepted: [Bool] = []
        for index in 0..<3 {
            accepted.append(schedule.schedule(event(index), due: 0))
        }
        #expect(accepted == [true, true, false])
        #expect(schedule.count == 2)
    }

    @Test("a failed POST comes back after a doubling backoff with the same body, then is abandoned")
    func retriesAndAbandonment() throws {
        var schedule = makeSchedule(maximumAttempts: 3)
        var random = SplitMix64(seed: 1)
        let accepted = schedule.schedule(event(0), due: 0)
        #expect(accepted)
        var delivery = try #require(take(&schedule, at: 0, random: &random).first)
        delivery.body = .init(bytes: [1, 2, 3], signature: "sha256=00")

        let completion1 = schedule.complete(delivery, succeeded: false, now: 0)
        #expect(completion1 == .retryScheduled)
        #expect(take(&schedule, at: 99 * Self.millisecond, random: &random).isEmpty)
        let second = try #require(take(&schedule, at: 100 * Self.millisecond, random: &random).first)
        #expect(second.attempt == 2)
        #expect(second.body?.bytes == [1, 2, 3])

        let completion2 = schedule.complete(second, succeeded: false, now: 100 * Self.millisecond)
        #expect(completion2 == .retryScheduled)
        #expect(take(&schedule, at: 299 * Self.millisecond, random: &random).isEmpty)
        let third = try #require(take(&schedule, at: 300 * Self.millisecond, random: &random).first)
        #expect(third.attempt == 3)

        let completion3 = schedule.complete(third, succeeded: false, now: 300 * Self.millisecond)
        #expect(completion3 == .abandoned)
        #expect(schedule.count == 0)
        #expect(schedule.inFlight == 0)
    }

    @Test("duplicates are scheduled again once, to arrive in a later batch")
    func duplicates() {
        var schedule = makeSchedule(batchSize: 10, concurrency: 10)
        var random = SplitMix64(seed: 7)
        for index in 0..<5 {
            _ = schedule.schedule(event(index), due: 0)
        }
        let (deliveries, duplicated) = schedule.takeDeliveries(now: 0, shuffle: true, duplicateFraction: 1, random: &random)
        #expect(duplicated == 5)
        #expect(Set(deliveries.flatMap(\.events).map(\.messageID)).count == 5)
        let later = schedule.takeDeliveries(now: 2_000 * Self.millisecond, shuffle: true, duplicateFraction: 1, random: &random)
        #expect(later.duplicated == 0)
        #expect(later.deliveries.flatMap(\.events).allSatisfy { $0.isDuplicate })
        #expect(later.deliveries.flatMap(\.events).count == 5)
    }

    @Test("clearing keeps the accounting of POSTs in flight, which are not retried")
    func removeAllWithDeliveriesInFlight() throws {
        var schedule = makeSchedule()
        var random = SplitMix64(seed: 1)
        for index in 0..<4 {
            _ = schedule.schedule(event(index), due: 0)
        }
        let inFlight = take(&schedule, at: 0, random: &random)
        schedule.removeAll()
        #expect(schedule.count == 4)
        let completion1 = schedule.complete(inFlight[0], succeeded: false, now: 0)
        #expect(completion1 == .abandoned)
        let completion2 = schedule.complete(inFlight[1], succeeded: true, now: 0)
        #expect(completion2 == .delivered)
        #expect(schedule.count == 0)
        #expect(take(&schedule, at: 1_000 * Self.millisecond, random: &random).isEmpty)
    }
}
