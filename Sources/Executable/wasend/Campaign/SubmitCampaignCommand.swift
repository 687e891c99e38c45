import ArgumentParser
import Foundation
import WasendClient

/// `wasend campaign submit FILE …`: creates a campaign, streams the file to it in parts, starts it.
///
/// Each part is one upload with its own idempotency key, so a retried part is taken once, and the
/// file is read one part at a time whatever its size. A rejected part stops the submission and
/// leaves the campaign unstarted, naming the rows at fault.
struct SubmitCampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "Create a campaign from a CSV or NDJSON file of recipients and start it.")

    @OptionGroup var client: CampaignClientOptions

    @Argument(help: "Recipients: .csv (header: phone,opt_in,<variables>…) or .ndjson/.jsonl.")
    var file: String

    @Option(help: "The approved template's name.")
    var template: String

    @Option(help: "The template's language code.")
    var language = "en_US"

    @Option(help: "The sender's phone number id.")
    var from: String

    @Option(help: "MARKETING, UTILITY or AUTHENTICATION.")
    var category = "MARKETING"

    @Option(help: "The campaign's name. Default: the file's name.")
    var name: String?

    @Option(name: .customLong("body-param"), help: "A body parameter, in order, e.g. '{{first_name}}' (repeatable).")
    var bodyParameters: [String] = []

    @Option(help: "Recipients per upload request.")
    var rowsPerPart = 100_000

    @Flag(help: "Create and upload, but leave the campaign as a draft.")
    var noStart = false

    @Flag(help: "Watch the campaign until it is final, then print the summary.")
    var watch = false

    func validate() throws {
        guard rowsPerPart >= 1 else { throw ValidationError("--rows-per-part must be at least 1") }
        guard !template.isEmpty else { throw ValidationError("--template must not be empty") }
    }

    func run() async throws {
        let reader = try RecipientFileReader(path: file, rowsPerPart: rowsPerPart)
        try await client.withClient { client in
            let draft = CampaignDraft(
                name: name ?? URL(fileURLWithPath: file).lastPathComponent, from: from, category: category,
                templateName: template, languageCode: language, bodyParameters: bodyParameters)
            let submission = UUID().uuidString.lowercased()
            let campaignID = try await client.create(draft, idempotencyKey: "submit-\(submission)")
            print("campaign \(campaignID) created")
            var recipients = 0
            while let part = try await reader.nextPart() {
                do {
                    let answer = try await client.upload(
                        part, format: reader.format, campaignID: campaignID,
                        idempotencyKey: "submit-\(submission)-part-\(part.index)")
                    recipients += answer.recipients
                    print("uploaded \(part.rowRange) (\(answer.recipients) recipients)")
                } catch {
                    throw ValidationError(
                        "\(file), \(part.rowRange) (row numbers in the API's message count from the part's first row): \(error)\n"
                            + "campaign \(campaignID) was left as a draft with the parts before it")
                }
            }
            guard !noStart else {
                print("campaign \(campaignID): \(recipients) recipients, not started")
                return
            }
            try await client.command("start", campaignID: campaignID)
            print("campaign \(campaignID) started with \(recipients) recipients")
            if watch {
                try await WatchCampaignCommand.watch(campaignIDs: [campaignID], client: client)
            }
        }
    }
}
