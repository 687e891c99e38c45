import ArgumentParser

/// `wasend campaign …`: the command-line client of the campaign API.
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Submit, watch, pause, resume, cancel and report campaigns through the API.",
        subcommands: [
            SubmitCampaignCommand.self,
            WatchCampaignCommand.self,
            PauseCampaignCommand.self,
            ResumeCampaignCommand.self,
            CancelCampaignCommand.self,
            ReportCampaignCommand.self,
        ]
    )
}
