import Foundation
import Synchronization
import WasendCore
import WasendKafka

/// The records a test read from `wasend.results`, decoded.
struct SenderResults {
    var outcomes: [SendOutcome]

    init(_ messages: [KafkaConsumerMessage]) throws {
        outcomes = try messages.map { try JSONDecoder().decode(SendOutcome.self, from: Data($0.value)) }
    }

    /// The final outcome of each job (the first one published; replays publish the same again).
    var finalByJob: [JobID: SendResult] {
        var finals: [JobID: SendResult] = [:]
        for outcome in outcomes {
            if case .deferred = outcome.result { continue }
            if finals[outcome.jobID] == nil { finals[outcome.jobID] = outcome.result }
        }
        return finals
    }

    var acceptedJobs: Set<JobID> {
        Set(finalByJob.compactMap { if case .accepted = $0.value { $0.key } else { nil } })
    }

    /// Counts the jobs with a final outcome as records come, decoding each record once.
    final class FinalCount: Sendable {
        private let state = Mutex((read: 0, jobs: Set<JobID>()))

        func update(_ messages: [KafkaConsumerMessage]) -> Int {
            state.withLock { state in
                for message in messages[state.read...] {
                    guard let outcome = try? JSONDecoder().decode(SendOutcome.self, from: Data(message.value)) else { continue }
                    if case .deferred = outcome.result { continue }
                    state.jobs.insert(outcome.jobID)
                }
                state.read = messages.count
                return state.jobs.count
            }
        }
    }
}
