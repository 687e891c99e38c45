import Foundation
import WasendClient

/// The demo that `wasend dev --demo N` runs: N generated recipients, some of them bad on purpose,
/// submitted through the API as a client would, then watched to completion.
///
/// Every 50th phone is invalid, every 33rd recipient has not opted in, every 100th is undeliverable
/// (the simulator fails it with 131026) and every 200th answers "STOP" (and is opted out).
struct DemoCampaign: Sendable {
    var recipients: Int
    /// The numbers to send from, one campaign each.
    var phoneNumberIDs: [String]

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

    /// Submits one campaign per number, each with its share of the recipients (the way a CRM spreads
    /// a large audience over its numbers, each at its own throughput), and watches them together
    /// until all complete, printing progress and the summary.
    func run(client: CampaignClient) async throws {
        let submission = UUID().uuidString.lowercased()
        let share = (recipients + phoneNumberIDs.count - 1) / phoneNumberIDs.count
        var campaignIDs: [String] = []
        for (part, phoneNumberID) in phoneNumberIDs.enumerated() {
            let range = (part * share)..<min((part + 1) * share, recipients)
            guard !range.isEmpty else { break }
            let draft = CampaignDraft(
                name: "Demo \(part + 1)/\(phoneNumberIDs.count): \(range.count) recipients from \(phoneNumberID)",
                from: phoneNumberID, category: "MARKETING", templateName: "campaign_offer", languageCode: "en_US",
                bodyParameters: ["{{first_name}}"])
            let campaignID = try await client.create(draft, idempotencyKey: "demo-\(submission)-\(part)")
            print("demo campaign \(campaignID): uploading \(range.count) recipients to send from \(phoneNumberID)")
            try await upload(range, campaignID: campaignID, idempotencyKey: "demo-\(submission)-\(part)", client: client)
            campaignIDs.append(campaignID)
        }
        for campaignID in campaignIDs { try await client.command("start", campaignID: campaignID) }
        print("demo campaigns started: \(campaignIDs.joined(separator: " "))")
        try await WatchCampaignCommand.watch(campaignIDs: campaignIDs, client: client)
    }

    /// Recipients `range` as one CSV file, sent in parts of 50,000 rows.
    private func upload(
        _ range: Range<Int>, campaignID: String, idempotencyKey: String, client: CampaignClient
    ) async throws {
        let partSize = 50_000
        for (index, start) in stride(from: range.lowerBound, to: range.upperBound, by: partSize).enumerated() {
            let rows = start..<min(start + partSize, range.upperBound)
            let part = RecipientFilePart(
                index: index, firstRow: start - range.lowerBound + 1, rows: rows.count, bytes: csv(rows))
            _ = try await client.upload(part, format: .csv, campaignID: campaignID, idempotencyKey: "\(idempotencyKey)-\(index)")
        }
    }
}
