import Foundation
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
}
