import WasendCore

/// A WhatsApp Business phone number a tenant sends from.
public struct SenderNumber: Sendable {
    /// Meta's phone number id: what campaigns name in `from`.
    public var phoneNumberID: String
    /// The business portfolio whose 24 h messaging tier this number shares.
    public var businessPortfolioID: String
    /// For people: `+1 555 0100`.
    public var displayNumber: String
    /// Never logged, never returned; only the sender uses it.
    public var accessToken: Secret
    /// Messages per second Meta allows this number (80 by default, up to 1,000 when upgraded).
    public var throughput: Int
    /// The portfolio's 24 h messaging tier; new portfolios start at 250.
    public var tier: MessagingTier
    /// The WhatsApp Business Account (WABA) that owns the number's templates; optional, only
    /// `wasend doctor` needs it to list them.
    public var whatsappBusinessAccountID: String?

    public init(
        phoneNumberID: String, businessPortfolioID: String, displayNumber: String, accessToken: Secret,
        throughput: Int = 80, tier: MessagingTier = .tier250, whatsappBusinessAccountID: String? = nil
    ) {
        self.phoneNumberID = phoneNumberID
        self.businessPortfolioID = businessPortfolioID
        self.displayNumber = displayNumber
        self.accessToken = accessToken
        self.throughput = throughput
        self.tier = tier
        self.whatsappBusinessAccountID = whatsappBusinessAccountID
    }
}
