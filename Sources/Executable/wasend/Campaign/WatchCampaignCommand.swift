import ArgumentParser
import Foundation
import WasendClient

/// `wasend campaign watch ID`: a live progress line until the campaign is final, then the summary.
struct WatchCampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Show a campaign's progress until it completes, then its summary.")

    @OptionGroup var client: CampaignClientOptions

    @Argument(help: "The campaign id.")
    var campaignID: String

    func run() async throws {
        try await client.withClient { client in
            try await Self.watch(campaignID: campaignID, client: client)
        }
    }

    /// On a terminal the line is redrawn in place; in a log, a line is written every 5 seconds.
    static func watch(campaignID: String, client: CampaignClient) async throws {
        let terminal = isatty(STDOUT_FILENO) == 1
        var lastLogged = ContinuousClock.now - .seconds(5)
        let final = try await CampaignWatcher(client: client).watch(campaignID: campaignID) { progress, line in
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
