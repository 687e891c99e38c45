/// A message template known to every simulated WhatsApp Business Account. Sends naming any other
/// template (or a known one in another language) answer 132001, as Meta does.
public struct SimulatedTemplate: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var language: String
    /// APPROVED, PAUSED, REJECTED…: only APPROVED templates can be sent.
    public var status: String
    /// MARKETING, UTILITY or AUTHENTICATION; echoed in the pricing of status webhooks.
    public var category: String
    public var bodyText: String

    public init(id: String, name: String, language: String, status: String = "APPROVED", category: String, bodyText: String) {
        self.id = id
        self.name = name
        self.language = language
        self.status = status
        self.category = category
        self.bodyText = bodyText
    }

    /// Meta's own sample template and one marketing template with a parameter.
    public static let defaults: [SimulatedTemplate] = [
        SimulatedTemplate(
            id: "400000000000001", name: "hello_world", language: "en_US", category: "UTILITY",
            bodyText: "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta."),
        SimulatedTemplate(
            id: "400000000000002", name: "campaign_offer", language: "en_US", category: "MARKETING",
            bodyText: "Hello {{1}}, our offer is waiting for you."),
    ]
}
