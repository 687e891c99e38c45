import WasendCampaigns
import WasendCore

/// The expansion of one recipient batch into jobs and skipped results, without I/O.
///
/// It runs in two steps around one Redis round trip: `init` normalises the numbers and applies
/// the checks that need nothing but the recipient (phone, opt-in, a cancelled campaign) and
/// names the ``candidates`` left; ``complete(with:)`` takes Redis' verdict on each candidate
/// (opt-out, duplicate) and renders the messages of the rest.
public struct BatchExpansion: Sendable {
    public struct Candidate: Sendable, Hashable {
        public var phone: PhoneNumber
        public var position: SourcePosition

        public init(phone: PhoneNumber, position: SourcePosition) {
            self.phone = phone
            self.position = position
        }
    }

    public let plan: CampaignPlan
    public let batch: RecipientStreamRecord.RecipientBatch
    public private(set) var candidates: [Candidate] = []
    public private(set) var jobs: [SendJob] = []
    public private(set) var skipped: [SkippedResultRecord] = []
    private let now: Timestamp

    public init(
        plan: CampaignPlan, batch: RecipientStreamRecord.RecipientBatch, partition: Int32, offset: Int64,
        cancelled: Bool, now: Timestamp
    ) {
        self.plan = plan
        self.batch = batch
        self.now = now
        for (index, recipient) in batch.recipients.enumerated() {
            let phone: PhoneNumber
            do {
                phone = try PhoneNumber(parsing: recipient.phone)
            } catch {
                skip(index: index, phone: nil, .invalidPhone, detail: error.rawValue)
                continue
            }
            if cancelled {
                skip(index: index, phone: phone, .cancelled)
            } else if !recipient.optedIn {
                skip(index: index, phone: phone, .noOptIn)
            } else {
                candidates.append(
                    Candidate(phone: phone, position: SourcePosition(partition: partition, offset: offset, index: index)))
            }
        }
        jobs.reserveCapacity(candidates.count)
    }

    /// `screening[i]` is Redis' verdict on `candidates[i]`.
    public mutating func complete(with screening: [RecipientScreening]) {
        precondition(screening.count == candidates.count, "one screening per candidate")
        for (candidate, verdict) in zip(candidates, screening) {
            let index = candidate.position.index
            switch verdict {
            case .optedOut:
                skip(index: index, phone: candidate.phone, .optedOut)
            case .duplicate:
                skip(index: index, phone: candidate.phone, .duplicate)
            case .clear:
                do {
                    let message = try plan.message.render(
                        for: candidate.phone, variables: batch.recipients[index].variables)
                    jobs.append(
                        SendJob(
                            jobID: JobID(campaignID: plan.campaignID, recipient: candidate.phone),
                            campaignID: plan.campaignID, phoneNumberID: plan.phoneNumberID,
                            portfolioID: plan.portfolioID, recipient: candidate.phone, category: plan.category,
                            message: message, notBefore: plan.notBefore, uploadedRow: row(index)))
                } catch {
                    skip(index: index, phone: candidate.phone, SkipReason(error), detail: "\(error.field): \(error.code)")
                }
            }
        }
        candidates = []
    }

    /// The increments of the campaign's counters this batch accounts for.
    public var counterIncrements: [(field: String, increment: Int64)] {
        var bySkipReason: [SkipReason: Int64] = [:]
        for result in skipped { bySkipReason[result.reason, default: 0] += 1 }
        var increments: [(field: String, increment: Int64)] = []
        if !jobs.isEmpty { increments.append((CampaignCounterField.planned.name, Int64(jobs.count))) }
        if !skipped.isEmpty { increments.append((PlannerKeys.plannerSkippedField, Int64(skipped.count))) }
        for reason in SkipReason.allCases {
            if let count = bySkipReason[reason] {
                increments.append((CampaignCounterField.skipped(reason: reason.rawValue).name, count))
            }
        }
        return increments
    }

    private mutating func skip(index: Int, phone: PhoneNumber?, _ reason: SkipReason, detail: String? = nil) {
        skipped.append(
            SkippedResultRecord(
                jobID: phone.map { JobID(campaignID: plan.campaignID, recipient: $0) }, campaignID: plan.campaignID,
                phoneNumberID: plan.phoneNumberID, recipient: phone, reason: reason, detail: detail,
                row: row(index), finishedAt: now))
    }

    private func row(_ index: Int) -> UploadedRow {
        UploadedRow(uploadID: batch.uploadID, batchSequence: batch.sequence, index: index)
    }
}
