/// Everything the simulator needs to start. The defaults run locally as they are: one token, one
/// phone number in one WhatsApp Business Account, two approved templates, Meta's default limits
/// and no webhooks (set ``WebhookConfiguration/url`` to receive them).
public struct SimulatorConfiguration: Sendable {
    /// The address to listen on; port 0 picks a free port (reported through `onServerRunning`).
    public var host: String
    public var port: Int
    /// Bearer tokens the send and read endpoints accept; anything else answers 401 with code 190.
    public var accessTokens: Set<String>
    public var phoneNumbers: [SimulatedPhoneNumber]
    public var templates: [SimulatedTemplate]
    /// What can also be changed while running, through `POST /_sim/config`.
    public var behaviour: SimulatorBehaviour
    public var webhook: WebhookConfiguration
    /// Seeds the fault injection, jitter and shuffling so that a run can be replayed; `nil` seeds at random.
    public var randomSeed: UInt64?
    /// How many distinct job ids (from `biz_opaque_callback_data`) the duplicate detection remembers;
    /// jobs beyond it are counted but not tracked, and the statistics say so.
    public var maximumTrackedJobs: Int

    public init(
        host: String = "127.0.0.1",
        port: Int = 8089,
        accessTokens: Set<String> = ["wasend-sim-token"],
        phoneNumbers: [SimulatedPhoneNumber] = [SimulatedPhoneNumber()],
        templates: [SimulatedTemplate] = SimulatedTemplate.defaults,
        behaviour: SimulatorBehaviour = SimulatorBehaviour(),
        webhook: WebhookConfiguration = WebhookConfiguration(),
        randomSeed: UInt64? = nil,
        maximumTrackedJobs: Int = 5_000_000
    ) {
        self.host = host
        self.port = port
        self.accessTokens = accessTokens
        self.phoneNumbers = phoneNumbers
        self.templates = templates
        self.behaviour = behaviour
        self.webhook = webhook
        self.randomSeed = randomSeed
        self.maximumTrackedJobs = maximumTrackedJobs
    }
}
