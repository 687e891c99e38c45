import Foundation
import WasendCampaigns
import WasendCore

/// A campaign as the API shows it: what was asked for, then state and progress.
struct CampaignView: Encodable {
    var campaign: StoredCampaign

    private enum CodingKeys: String, CodingKey {
        case id, name, from, category, message, limits, state, version, counters
        case portfolioID = "portfolio_id"
        case startAt = "start_at"
        case pauseReason = "pause_reason"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case recipientsReceived = "recipients_received"
        case sendRate = "send_rate"
        case etaSeconds = "eta_seconds"
    }

    func encode(to encoder: any Encoder) throws {
        let record = campaign.record
        let value = record.campaign
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value.id, forKey: .id)
        try container.encode(value.name, forKey: .name)
        try container.encode(value.phoneNumberID, forKey: .from)
        try container.encode(value.portfolioID, forKey: .portfolioID)
        try container.encode(value.category, forKey: .category)
        try container.encode(value.message, forKey: .message)
        try container.encodeIfPresent(value.schedule.startAt?.date, forKey: .startAt)
        try container.encode(value.limits, forKey: .limits)
        try container.encode(value.state.status, forKey: .state)
        try container.encodeIfPresent(value.state.pauseReason, forKey: .pauseReason)
        try container.encode(record.version, forKey: .version)
        try container.encode(record.createdAt.date, forKey: .createdAt)
        try container.encode(record.updatedAt.date, forKey: .updatedAt)
        try container.encode(campaign.recipientsReceived, forKey: .recipientsReceived)
        try container.encode(campaign.counters, forKey: .counters)
        try container.encode((campaign.sendRate.perSecond * 10).rounded() / 10, forKey: .sendRate)
        // Only a running campaign gets nearer its end; a paused or scheduled one has no ETA.
        let eta = value.state.status == .running ? campaign.sendRate.secondsToSend(campaign.recipientsLeft) : nil
        try container.encodeIfPresent(eta, forKey: .etaSeconds)
    }
}

extension Timestamp {
    var date: Date { Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1_000) }

    init(date: Date) {
        self.init(millisecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1_000).rounded()))
    }

    static var now: Timestamp { Timestamp(date: Date()) }
}
