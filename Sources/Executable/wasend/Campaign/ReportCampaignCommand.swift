import ArgumentParser
import Foundation
import Logging
import WasendClient
import WasendKafka

/// `wasend campaign report ID [--csv]`: the summary table, or every recipient's final state.
struct ReportCampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Print a campaign's summary, or with --csv every recipient's delivery state.")

    @OptionGroup var client: CampaignClientOptions

    @Argument(help: "The campaign id.")
    var campaignID: String

    @Flag(help: "Stream every recipient's current state from wasend.deliveries as CSV instead.")
    var csv = false

    @Option(help: "Kafka bootstrap servers, for --csv. Env: WASEND_KAFKA_BOOTSTRAP.")
    var bootstrapServers = ProcessInfo.processInfo.environment["WASEND_KAFKA_BOOTSTRAP"] ?? "127.0.0.1:9092"

    @Option(help: "Prefix of the topic names.")
    var topicPrefix = WasendTopics.defaultPrefix

    func run() async throws {
        guard csv else {
            let progress = try await client.withClient { client in try await client.progress(campaignID: campaignID) }
            print(SummaryTable.render(progress), terminator: "")
            return
        }
        var logger = Logger(label: "wasend.campaign.report")
        logger.logLevel = .error
        let reader = DeliveryReportReader(
            bootstrapServers: bootstrapServers, topic: WasendTopics(prefix: topicPrefix).deliveries, logger: logger)
        print(DeliveryRow.csvHeader)
        for row in try await reader.rows(campaignID: campaignID) {
            print(row.csvLine)
        }
    }
}
