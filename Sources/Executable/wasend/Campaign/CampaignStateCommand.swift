import ArgumentParser
import WasendClient

/// The lifecycle subcommands: each posts its command to the API and prints the new state.
protocol CampaignStateCommand: AsyncParsableCommand {
    /// The API's command path: `pause`, `resume` or `cancel`.
    static var apiCommand: String { get }
    var client: CampaignClientOptions { get }
    var campaignID: String { get }
}

extension CampaignStateCommand {
    func run() async throws {
        let progress = try await client.withClient { client in
            try await client.command(Self.apiCommand, campaignID: campaignID)
        }
        print("campaign \(progress.id) is \(progress.state)")
    }
}

struct PauseCampaignCommand: CampaignStateCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause a running campaign.")
    static let apiCommand = "pause"
    @OptionGroup var client: CampaignClientOptions
    @Argument(help: "The campaign id.") var campaignID: String
}

struct ResumeCampaignCommand: CampaignStateCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume a paused campaign.")
    static let apiCommand = "resume"
    @OptionGroup var client: CampaignClientOptions
    @Argument(help: "The campaign id.") var campaignID: String
}

struct CancelCampaignCommand: CampaignStateCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a campaign: its unsent messages are skipped.")
    static let apiCommand = "cancel"
    @OptionGroup var client: CampaignClientOptions
    @Argument(help: "The campaign id.") var campaignID: String
}
