import WasendCore

/// One thing a webhook POST reported, flattened out of Meta's entry → change → value nesting.
///
/// A POST may carry up to 1,000 of these. Every event keeps the WhatsApp Business Account it came
/// from; anything this module does not understand is reported as `.unknown`, never dropped.
public enum WebhookEvent: Hashable, Sendable {
    /// A delivery status of a message the business sent.
    case status(StatusUpdate)
    /// A message a user sent to the business (text, button press, system notice, …).
    case inboundMessage(InboundMessage)
    /// An error in a `messages` change that belongs to no message.
    case error(ValueError)
    /// A user stopped or resumed marketing messages.
    case userPreference(UserPreferenceChange)
    case templateStatus(TemplateStatusChange)
    case templateQuality(TemplateQualityChange)
    /// A number's quality or limits changed (`THROUGHPUT_UPGRADE`, tier changes, …).
    case phoneNumberQuality(PhoneNumberQualityChange)
    /// The portfolio's messaging tier changed.
    case businessCapability(BusinessCapabilityChange)
    case accountUpdate(AccountChange)
    /// A change of a `field` this module does not know, kept whole.
    case unknown(businessAccountID: String, field: String, value: JSONValue)
}
