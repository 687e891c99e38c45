/// A business phone number the simulator answers for, with the account it belongs to.
public struct SimulatedPhoneNumber: Sendable, Hashable {
    /// The Graph id used in `/{version}/{id}/messages`.
    public var id: String
    public var displayPhoneNumber: String
    public var verifiedName: String
    public var qualityRating: String
    /// The WhatsApp Business Account whose templates the number may send.
    public var wabaID: String
    /// The business portfolio whose moving-24 h unique-recipient limit all its numbers share.
    public var portfolioID: String
    /// Messages per second this number may send; `nil` takes ``SimulatorBehaviour/defaultMessagesPerSecond``.
    public var messagesPerSecond: Double?

    public init(
        id: String = "100000000000001",
        displayPhoneNumber: String = "15550000001",
        verifiedName: String = "Wasend Simulator",
        qualityRating: String = "GREEN",
        wabaID: String = "200000000000001",
        portfolioID: String = "300000000000001",
        messagesPerSecond: Double? = nil
    ) {
        self.id = id
        self.displayPhoneNumber = displayPhoneNumber
        self.verifiedName = verifiedName
        self.qualityRating = qualityRating
        self.wabaID = wabaID
        self.portfolioID = portfolioID
        self.messagesPerSecond = messagesPerSecond
    }
}
