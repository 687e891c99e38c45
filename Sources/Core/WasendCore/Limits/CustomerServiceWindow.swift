/// The 24 h after a user's last message to the business. Inside it any message type may be sent
/// (a free-form text included) and the recipient does not count against the messaging tier;
/// outside it only approved templates go out.
public enum CustomerServiceWindow {
    public static let length: Duration = .seconds(24 * 3600)

    /// Whether the window opened by the user's last message at `lastUserMessageAt` is still open
    /// at `now`: open while `now < lastUserMessageAt + 24 h`.
    public static func isOpen(lastUserMessageAt: Timestamp?, now: Timestamp) -> Bool {
        guard let lastUserMessageAt else { return false }
        return now < lastUserMessageAt + length
    }

    /// When the window closes, for a key's expiry in Redis.
    public static func closes(lastUserMessageAt: Timestamp) -> Timestamp {
        lastUserMessageAt + length
    }
}
