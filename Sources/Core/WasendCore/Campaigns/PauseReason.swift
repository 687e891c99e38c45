/// Why a campaign stopped sending for now; shown to the operator, and it tells the automatic
/// pauses (which may resume by themselves when the cause clears) from the manual ones.
public enum PauseReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// A person paused it.
    case manual
    /// Its failure rate crossed the configured threshold.
    case errorRate = "error_rate"
    /// Meta paused its template for low quality (`message_template_status_update`).
    case templatePaused = "template_paused"
    /// Meta restricted the business account (`account_update`).
    case accountRestricted = "account_restricted"
    /// A stop-the-sender error (token, permission, block, billing) came back from a send.
    case senderStopped = "sender_stopped"
}
