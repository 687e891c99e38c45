import WasendCore

/// A value of `wasend.results` as the aggregator reads it: core's ``SendOutcome`` fields, with
/// the job id optional (the planner reports invalid numbers, which have none) and the recipient
/// when the publisher gives it. Schema: `schemas/wasend.results.schema.json`.
struct ResultRecord: Sendable, Decodable {
    var jobID: JobID?
    var campaignID: String
    var phoneNumberID: String
    var attempt: Int
    var finishedAt: Timestamp
    var outcome: Outcome
    /// E.164 digits.
    var recipient: String?

    private enum CodingKeys: String, CodingKey {
        case jobID = "job_id"
        case campaignID = "campaign_id"
        case phoneNumberID = "phone_number_id"
        case attempt
        case finishedAt = "finished_at"
        case result, recipient
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        jobID = try container.decodeIfPresent(JobID.self, forKey: .jobID)
        campaignID = try container.decode(String.self, forKey: .campaignID)
        phoneNumberID = try container.decode(String.self, forKey: .phoneNumberID)
        attempt = try container.decode(Int.self, forKey: .attempt)
        finishedAt = try container.decode(Timestamp.self, forKey: .finishedAt)
        recipient = try container.decodeIfPresent(String.self, forKey: .recipient)
        outcome = try Self.decodeOutcome(container)
    }

    /// What a result means for delivery.
    enum Outcome: Sendable, Hashable {
        case accepted(wamid: String)
        case failed(code: Int, errorClass: ErrorClass)
        /// Skipped or deferred: nothing was sent.
        case notSent
    }

    /// The planner's skips carry reasons the sender's ``SendResult/SkipReason`` does not know
    /// (`invalid_phone`, `duplicate`, …); they mean nothing for delivery, so they read as a
    /// generic skip instead of failing the record.
    private static func decodeOutcome(_ container: KeyedDecodingContainer<CodingKeys>) throws -> Outcome {
        let result: SendResult
        do {
            result = try container.decode(SendResult.self, forKey: .result)
        } catch {
            guard try container.decode(PlannerSkip.self, forKey: .result).outcome == "skipped" else { throw error }
            return .notSent
        }
        switch result {
        case .accepted(let wamid, _): return .accepted(wamid: wamid)
        case .failed(let code, let errorClass, _): return .failed(code: code, errorClass: errorClass)
        case .skipped, .deferred: return .notSent
        }
    }

    private struct PlannerSkip: Decodable {
        var outcome: String
    }
}
