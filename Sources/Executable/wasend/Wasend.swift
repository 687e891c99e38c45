import ArgumentParser

/// `wasend`: one executable whose subcommands are the services (see DESIGN.md).
@main
struct Wasend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wasend",
        abstract: "Send WhatsApp campaigns at the highest rate Meta allows.",
        subcommands: [
            // One line per subcommand; keep this list sorted by name.
            DevCommand.self,
            AggregatorCommand.self,
            APICommand.self,
            CampaignCommand.self,
            DoctorCommand.self,
            KafkaDevCommand.self,
            PlannerCommand.self,
            SenderCommand.self,
            SimCommand.self,
        ]
    )
}
