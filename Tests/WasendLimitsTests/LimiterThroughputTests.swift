import Testing
import WasendCore
import WasendLimits
import WasendRedis

/// The number's rate holds across concurrent senders, on the Redis server's clock as in production.
@Suite(.serialized) struct LimiterThroughputTests {
    @Test func concurrentSendersNeverExceedTheNumbersRateInAnyWindow() async throws {
        try await LimitsTestEnvironment.run { environment in
            let senders = 4
            let limits = NumberLimits(messagesPerSecond: 80, tier: .unlimited)
            let times = try await withThrowingTaskGroup(of: [Timestamp].self) { group in
                for sender in 0..<senders {
                    let redis = try environment.newClient()
                    group.addTask {
                        defer { redis.shutDown() }
                        let limiter = SendLimiter(
                            redis: redis, configuration: SendLimiterConfiguration(admissionHorizon: .milliseconds(250)))
                        let start = ContinuousClock.now
                        var next = sender * 1_000_000
                        var admitted: [Timestamp] = []
                        while ContinuousClock.now - start < .seconds(3) {
                            let jobs = try LimitsTestEnvironment.jobs(next..<next + 10)
                            next += 10
                            let admissions = try await limiter.admit(jobs) { _ in limits }
                            admitted.append(contentsOf: admissions.compactMap(\.sendAt))
                            for admission in admissions {
                                #expect(admission.sendAt != nil || admission.deferral?.limit == .throughput)
                            }
                            if admissions.contains(where: { $0.sendAt == nil }) {
                                try await Task.sleep(for: .milliseconds(20))
                            }
                        }
                        return admitted
                    }
                }
                return try await group.reduce(into: []) { $0.append(contentsOf: $1) }
            }.sorted()

            // How many were admitted depends on the machine's speed; the bound below must hold whatever it is.
            #expect(!times.isEmpty)
            // Every window [t, t + 1 s) starting at an admitted slot holds at most 80 slots.
            var windowStart = 0
            var largest = 0
            for (index, time) in times.enumerated() {
                while times[windowStart] <= time - .seconds(1) { windowStart += 1 }
                largest = max(largest, index - windowStart + 1)
            }
            #expect(largest <= 80)
            #expect(zip(times, times.dropFirst()).allSatisfy { $1 - $0 >= .milliseconds(12) })
        }
    }
}
