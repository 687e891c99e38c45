import Foundation
import WasendClient

/// The demo that `wasend dev --demo N` runs: N generated recipients, some of them bad on purpose,
/// submitted through the API as a client would, then watched to completion.
///
/// Every 50th phone is invalid, every 33rd recipient has not opted in, every 100th is undeliverable
/// (the simulator fails it with 131026) and every 200th answers "STOP" (and is opted out).
struct DemoCampaign: Sendable {
    var recipients: Int
    var phoneNumberID: String

    /// The E.164 digits of recipient `index`: distinct, plausible US numbers.
    static func digits(_ index: Int) -> String {
        let suffix = String(index)
        return "1555" + String(repeating: "0", count: max(0, 7 - suffix.count)) + suffix
    }

    var undeliverable: Set<String> {
        Set(stride(from: 7, to: recipients, by: 100).filter { !Self.isInvalid($0) }.map(Self.digits))
    }

    var stopRepliers: Set<String> {
        Set(stride(from: 11, to: recipients, by: 200).filter { !Self.isInvalid($0) }.map(Self.digits))
    }

    private static func isInvalid(_ index: Int) -> Bool { index % 50 == 3 }

    /// The CSV rows of recipients `range`, with the header.
    private func csv(_ range: Range<Int>) -> [UInt8] {
        var text = "phone,opt_in,first_name\n"
        for index in range {
            let phone = Self.isInvalid(index) ? "555-CALL-NOW" : "+" + Self.digits(index)
            text += "\(phone),\(index % 33 == 5 ? "false" : "true"),Customer \(index)\n"
        }
        return Array(text.utf8)
    }

    /// Submits the campaign and watches it until it completes, printing progress and the summary.
    func run(client: CampaignClient) async throws {
        let draft = CampaignDraft(
            name: "Demo: \(recipients) recipients", from: phoneNumberID, category: "MARKETING",
            templateName: "campaign_offer", languageCode: "en_US", bodyParameters: ["{{first_name}}"])
        let submission = UUID().uuidString.lowercased()
        let campaignID = try await client.create(draft, idempotencyKey: "demo-\(submission)")
        print("demo campaign \(campaignID): uploading \(recipients) recipients")
        let partSize = 50_000
        for (index, start) in stride(from: 0, to: recipients, by: partSize).enumerated() {
            let range = start..<min(start + partSize, recipients)
            let part = RecipientFilePart(index: index, firstRow: start + 1, rows: range.count, bytes: csv(range))
            _ = try await client.upload(part, format: .csv, campaignID: campaignID, idempotencyKey: "demo-\(submission)-\(index)")
        }
        try await client.command("start", campaignID: campaignID)
        print("demo campaign \(campaignID) started")
        try await WatchCampaignCommand.watch(campaignID: campaignID, client: client)
    }
}
