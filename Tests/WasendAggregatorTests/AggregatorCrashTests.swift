import Foundation
import Testing
import WasendAggregator
import WasendCore
import WasendKafka
import WasendTestSupport

/// A `wasend aggregator` process is killed (SIGKILL) in the middle of a stream of results and
/// statuses and started again: it replays what it had not committed, and every counter is
/// still exact (each transition counted once).
///
/// 20,000 messages by default; `WASEND_TEST_SCALE` (e.g. `0.1`) shrinks them for CI.
@Suite(.serialized) struct AggregatorCrashTests {
    static var scale: Double {
        ProcessInfo.processInfo.environment["WASEND_TEST_SCALE"].flatMap(Double.init) ?? 1
    }

    @Test func aKilledAggregatorRestartsAndCountsEveryTransitionOnce() async throws {
        let count = max(2_000, Int(20_000 * Self.scale))
        let environment = try await AggregatorTestEnvironment(partitions: 16)
        let record = try AggregatorTestEnvironment.campaign()
        try await environment.create(record, recipients: count)
        let messages = try ShuffledStatusTests.messages(campaignID: record.id, count: count)
        var generator = SplitMix64(seed: 7)
        let outcomes = messages.map { message in
            SendOutcome(
                jobID: message.jobID, campaignID: record.id, phoneNumberID: AggregatorTestEnvironment.phoneNumberID,
                attempt: 1, finishedAt: ShuffledStatusTests.acceptedAt,
                result: .accepted(wamid: message.wamid, messageStatus: .accepted))
        }
        let statuses = messages.flatMap(\.statuses).shuffled(using: &generator)
        let bodies = stride(from: 0, to: statuses.count, by: 20).map {
            StatusBody.body(Array(statuses[$0..<min($0 + 20, statuses.count)]))
        }
        try await environment.publishResults(outcomes)
        try await environment.publishWebhooks(bodies, keys: 64)

        let arguments = [
            "aggregator", "--metrics-port", "0", "--bootstrap-servers", environment.cluster.bootstrapServers,
            "--redis-url", environment.redisServer.url, "--topic-prefix", environment.topics.prefix,
            "--group", "crash-\(UInt32.random(in: 0...UInt32.max))", "--sweep-seconds", "1",
        ]
        let first = try WasendProcess(arguments)
        try await eventually("the first aggregator to make progress", timeout: .seconds(120)) {
            try await environment.counters(campaignID: record.id)["sent"] ?? 0 >= Int64(count / 4)
        }
        first.signal(SIGKILL)
        try await first.waitForExit()
        let countedAtKill = try await environment.counters(campaignID: record.id)["sent"] ?? 0
        #expect(countedAtKill < Int64(count), "the kill came after the end; lower the scale's speed")

        let second = try WasendProcess(arguments)
        try await eventually("the campaign completes", timeout: .seconds(180)) {
            try await environment.campaignState(record.id) == .completed
        }
        second.signal(SIGTERM)
        #expect(try await second.waitForExit(timeout: .seconds(60)) == 0)

        var reached: [String: Int64] = [:]
        for message in messages {
            let state = message.expected
            if state.sentAt != nil || state.effectiveDeliveredAt != nil { reached["sent", default: 0] += 1 }
            if state.effectiveDeliveredAt != nil { reached["delivered", default: 0] += 1 }
            if state.readAt != nil { reached["read", default: 0] += 1 }
            if let code = state.errorCode { reached["delivery_failed:\(code)", default: 0] += 1 }
        }
        let counters = try await environment.counters(campaignID: record.id)
        for (field, value) in reached {
            #expect(counters[field] == value, "\(field)")
        }
        #expect(counters[AggregatorKeys.settledField] == Int64(count))
        try await environment.shutdown()
    }
}
