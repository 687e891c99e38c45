import Logging
import Metrics
import WasendCloudAPI
import WasendCore
import WasendLimits
import WasendRedis

/// Acts on the webhooks that are not delivery statuses: opt-outs and their resumes, customer-service
/// windows, the portfolio's tier, a number's throughput, and pauses of the campaigns a template
/// or account problem stops. Opt-outs are applied in the order they came, so a STOP then a START
/// in one batch leaves the recipient in.
struct WebhookActions: Sendable {
    let redis: RedisClient
    let keywords: OptOutKeywords
    let windows: CustomerServiceWindows
    let controls: NumberControls
    let supervisor: CampaignSupervisor
    /// Display digits → phone number id.
    let phoneNumberIDs: [String: String]
    let logger: Logger

    /// Meta's error for a recipient who stopped marketing messages from the business.
    static let userStoppedMarketingCode = 131050
    /// The messages per second Meta allows a number after `THROUGHPUT_UPGRADE`.
    static let upgradedThroughput = 1_000

    /// Applies `events`, each with the key of the webhook record it came in (the phone number id).
    /// A replay (`replaying`) restores opt-outs, windows, tiers and throughputs, but pauses no
    /// campaign: the pauses it caused are in the campaign records, and may have been lifted since.
    func apply(_ events: [(event: WebhookEvent, recordKey: String?)], now: Timestamp, replaying: Bool = false) async throws {
        var optOuts = RedisPipeline()
        for (event, recordKey) in events {
            switch event {
            case .status(let status):
                guard status.errors.contains(where: { $0.code == Self.userStoppedMarketingCode }),
                    case .waID(let waID) = status.recipient
                else { continue }
                optOuts.append("SADD", CampaignKeys.optOuts(portfolioID: status.businessAccountID), waID)
            case .inboundMessage(let message):
                guard let from = message.from else { continue }
                if let phoneNumberID = message.phoneNumberID, let recipient = try? PhoneNumber(e164Digits: from) {
                    try await windows.open(
                        portfolioID: message.businessAccountID, phoneNumberID: phoneNumberID, recipient: recipient,
                        until: CustomerServiceWindow.closes(lastUserMessageAt: message.timestamp), now: now)
                }
                switch message.text.flatMap(keywords.verdict(for:)) {
                case .stop: optOuts.append("SADD", CampaignKeys.optOuts(portfolioID: message.businessAccountID), from)
                case .resume: optOuts.append("SREM", CampaignKeys.optOuts(portfolioID: message.businessAccountID), from)
                case nil: continue
                }
            case .userPreference(let preference):
                guard let waID = preference.waID else { continue }
                switch preference.preference {
                case .stop: optOuts.append("SADD", CampaignKeys.optOuts(portfolioID: preference.businessAccountID), waID)
                case .resume: optOuts.append("SREM", CampaignKeys.optOuts(portfolioID: preference.businessAccountID), waID)
                case .other: continue
                }
            case .businessCapability(let change):
                guard let tier = change.messagingTier else { continue }
                try await controls.setTier(tier, portfolioID: change.businessAccountID)
                logger.notice(
                    "portfolio tier set by Meta", metadata: ["portfolio_id": "\(change.businessAccountID)", "tier": "\(tier)"])
            case .phoneNumberQuality(let change):
                try await apply(change, recordKey: recordKey)
            case .templateStatus(let change) where !replaying && ["PAUSED", "DISABLED"].contains(change.event.uppercased()):
                guard let name = change.name else { continue }
                try await supervisor.pause(
                    portfolioID: change.businessAccountID, templateName: name, languageCode: change.languageCode,
                    reason: .templatePaused, now: now)
            case .accountUpdate(let change) where !replaying && Self.restricts(change):
                try await supervisor.pause(portfolioID: change.businessAccountID, reason: .accountRestricted, now: now)
            default:
                continue
            }
        }
        if !optOuts.isEmpty {
            for reply in try await redis.execute(optOuts) { try reply.throwingServerError() }
            Counter(label: "wasend_aggregator_opt_out_changes_total").increment(by: Int64(optOuts.count))
        }
    }

    private func apply(_ change: WebhookEvent.PhoneNumberQualityChange, recordKey: String?) async throws {
        if let tier = change.messagingTier {
            try await controls.setTier(tier, portfolioID: change.businessAccountID)
        }
        guard change.event.uppercased() == "THROUGHPUT_UPGRADE" else { return }
        let display = change.displayPhoneNumber.map { $0.filter(\.isNumber) }
        guard let phoneNumberID = display.flatMap({ phoneNumberIDs[$0] }) ?? recordKey.flatMap({ $0.isEmpty ? nil : $0 })
        else {
            logger.warning("throughput upgrade for an unknown number", metadata: ["portfolio_id": "\(change.businessAccountID)"])
            return
        }
        try await controls.setMessagesPerSecond(
            Self.upgradedThroughput, portfolioID: change.businessAccountID, phoneNumberID: phoneNumberID)
        logger.notice("number throughput upgraded", metadata: ["phone_number_id": "\(phoneNumberID)"])
    }

    /// An account restriction, or a ban, stops business-initiated messages.
    private static func restricts(_ change: WebhookEvent.AccountChange) -> Bool {
        if !change.restrictions.isEmpty { return true }
        switch change.banState?.uppercased() {
        case "DISABLE", "SCHEDULE_FOR_DISABLE": return true
        default: return false
        }
    }
}
