import ArgumentParser
import Foundation
import WasendClient

/// `wasend campaign watch ID…`: a live progress line until the campaigns are final, then the summary.
struct WatchCampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Show a campaign's progress until it completes, then its summary.",
        discussion: "Several ids are watched as one: a send split across numbers, one campaign per number.")

    @OptionGroup var client: CampaignClientOptions

    @Argument(help: ArgumentHelp("The campaign ids.", valueName: "campaign-id"))
    var campaignIDs: [String]

    func validate() throws {
        guard !campaignIDs.isEmpty else { throw ValidationError("name at least one campaign id") }
    }

    func run() async throws {
        try await client.withClient { client in
            try await Self.watch(campaignIDs: campaignIDs, client: client)
        }
    }

    /// On a terminal the line is redrawn in place; in a log, a line is written every 5 seconds.
    static func watch(campaignIDs: [String], client: CampaignClient) async throws {
        let terminal = isatty(STDOUT_FILENO) == 1
        var lastLogged = ContinuousClock.now - .seconds(5)
        let final = try await CampaignWatcher(client: client).watch(campaignIDs: campaignIDs) { progress, line in
            if terminal {
                FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + line).utf8))
            } else if progress.isFinal || ContinuousClock.now - lastLogged >= .seconds(5) {
                print(line)
                lastLogged = .now
            }
        }
        if terminal { print("") }
        print(SummaryTable.render(final), terminator: "")
    }
}
