/// What a provider error means for the sender, from FACTS.md's table: it decides between
/// "slow down", "try again", "stop and call a human" and "give up on this message".
public enum ErrorClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// A limit was hit: retry later, slowing the scope down.
    case throttled
    /// Meta or the network had a passing problem: retry with backoff, a bounded number of times.
    case transient
    /// The sender itself is unusable (token, permission, block, billing): pause it and alert,
    /// keeping the jobs for when it is fixed.
    case stopSender = "stop_sender"
    /// This message can never succeed: fail it for good with the code.
    case permanent
}
