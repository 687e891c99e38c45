import WasendCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a webhook POST body into a flat list of `WebhookEvent`s, in the order Meta listed them.
///
/// Unknown keys are ignored, unknown `field`s and status values are reported raw; a body that is not
/// JSON, or has a wrong type where a known key is, fails with a `WebhookParseError` naming the place.
/// Verify the signature over the same bytes first: parsing does not authenticate anything.
public enum WebhookEventParser {
    public static func events(from body: some DataProtocol) throws(WebhookParseError) -> [WebhookEvent] {
        let payload: WebhookPayload
        do {
            payload = try JSONDecoder().decode(WebhookPayload.self, from: Data(body))
        } catch let error as DecodingError {
            throw WebhookParseError(error)
        } catch {
            throw WebhookParseError(path: "", reason: String(describing: error))
        }
        return try events(in: payload)
    }

    public static func events(in payload: WebhookPayload) throws(WebhookParseError) -> [WebhookEvent] {
        var events: [WebhookEvent] = []
        for (entryIndex, entry) in payload.entry.enumerated() {
            for (changeIndex, change) in entry.changes.enumerated() {
                var builder = Builder(
                    businessAccountID: entry.id, path: "entry[\(entryIndex)].changes[\(changeIndex)].value")
                try builder.append(change.value)
                events += builder.events
            }
        }
        return events
    }
}

extension WebhookEventParser {
    /// Collects the events of one change, knowing where in the body it is for error messages.
    private struct Builder {
        let businessAccountID: String
        let path: String
        var events: [WebhookEvent] = []

        init(businessAccountID: String, path: String) {
            self.businessAccountID = businessAccountID
            self.path = path
        }

        mutating func append(_ value: WebhookChangeValue) throws(WebhookParseError) {
            switch value {
            case .messages(let value):
                try appendMessages(value)
            case .userPreferences(let value):
                try appendUserPreferences(value)
            case .messageTemplateStatusUpdate(let update):
                events.append(
                    .templateStatus(
                        .init(
                            businessAccountID: businessAccountID, templateID: update.messageTemplateID,
                            name: update.messageTemplateName, languageCode: update.messageTemplateLanguage,
                            event: update.event, reason: update.reason, category: update.messageTemplateCategory)))
            case .messageTemplateQualityUpdate(let update):
                events.append(
                    .templateQuality(
                        .init(
                            businessAccountID: businessAccountID, templateID: update.messageTemplateID,
                            name: update.messageTemplateName, languageCode: update.messageTemplateLanguage,
                            previousScore: update.previousQualityScore, newScore: update.newQualityScore)))
            case .phoneNumberQualityUpdate(let update):
                events.append(
                    .phoneNumberQuality(
                        .init(
                            businessAccountID: businessAccountID, displayPhoneNumber: update.displayPhoneNumber,
                            event: update.event, currentLimit: update.currentLimit,
                            messagingTier: update.messagingTier)))
            case .businessCapabilityUpdate(let update):
                events.append(
                    .businessCapability(
                        .init(
                            businessAccountID: businessAccountID,
                            messagingTier: update.maxDailyConversationsPerBusiness.flatMap(
                                MessagingTier.init(maxDailyConversations:)),
                            maxPhoneNumbersPerBusiness: update.maxPhoneNumbersPerBusiness)))
            case .accountUpdate(let update):
                events.append(
                    .accountUpdate(
                        .init(
                            businessAccountID: businessAccountID, event: update.event, phoneNumber: update.phoneNumber,
                            banState: update.banInfo?.wabaBanState,
                            restrictions: update.restrictionInfo?.map(\.restrictionType) ?? [])))
            case .unknown(let field, let value):
                events.append(.unknown(businessAccountID: businessAccountID, field: field, value: value))
            }
        }

        private mutating func appendMessages(_ value: WebhookMessagesValue) throws(WebhookParseError) {
            let phoneNumberID = value.metadata?.phoneNumberID
            for (index, status) in (value.statuses ?? []).enumerated() {
                let callbackData = status.bizOpaqueCallbackData.flatMap(JobCallbackData.init(parsing:))
                events.append(
                    .status(
                        .init(
                            businessAccountID: businessAccountID,
                            phoneNumberID: phoneNumberID,
                            wamid: status.id,
                            status: .init(wireValue: status.status),
                            timestamp: try timestamp(status.timestamp, at: "statuses[\(index)].timestamp"),
                            recipient: status.recipientID.map { .waID($0) }
                                ?? status.recipientUserID.map { .userID($0) },
                            jobID: callbackData?.jobID,
                            campaignID: callbackData?.campaignID,
                            pricingCategory: status.pricing?.category,
                            billable: status.pricing?.billable,
                            errors: (status.errors ?? []).map(CloudAPIError.init))))
            }
            for (index, message) in (value.messages ?? []).enumerated() {
                events.append(
                    .inboundMessage(
                        .init(
                            businessAccountID: businessAccountID,
                            phoneNumberID: phoneNumberID,
                            wamid: message.id,
                            from: message.from,
                            type: message.type,
                            text: message.text?.body ?? message.button?.text ?? message.interactive?.buttonReply?.title
                                ?? message.interactive?.listReply?.title ?? message.system?.body,
                            timestamp: try timestamp(message.timestamp, at: "messages[\(index)].timestamp"),
                            errors: (message.errors ?? []).map(CloudAPIError.init))))
            }
            for error in value.errors ?? [] {
                events.append(
                    .error(
                        .init(businessAccountID: businessAccountID, phoneNumberID: phoneNumberID, error: .init(error))))
            }
        }

        private mutating func appendUserPreferences(_ value: WebhookUserPreferencesValue) throws(WebhookParseError) {
            for (index, preference) in value.userPreferences.enumerated() {
                events.append(
                    .userPreference(
                        .init(
                            businessAccountID: businessAccountID,
                            phoneNumberID: value.metadata?.phoneNumberID,
                            waID: preference.waID,
                            userID: preference.userID,
                            category: preference.category,
                            preference: .init(wireValue: preference.value),
                            timestamp: try timestamp(preference.timestamp, at: "user_preferences[\(index)].timestamp")))
                )
            }
        }

        /// Webhook timestamps are whole Unix seconds.
        private func timestamp(_ text: String, at key: String) throws(WebhookParseError) -> Timestamp {
            guard let seconds = Int64(text) else {
                throw WebhookParseError(
                    path: "\(path).\(key)", reason: "expected Unix seconds, found \"\(text.prefix(40))\"")
            }
            return Timestamp(secondsSinceEpoch: seconds)
        }
    }
}

extension WebhookPhoneNumberQualityUpdate {
    /// The portfolio's tier after the change: from the number when Meta gives one, else from the
    /// tier name.
    fileprivate var messagingTier: MessagingTier? {
        maxDailyConversationsPerBusiness.flatMap(MessagingTier.init(maxDailyConversations:))
            ?? MessagingTier(tierName: currentLimit)
    }
}
