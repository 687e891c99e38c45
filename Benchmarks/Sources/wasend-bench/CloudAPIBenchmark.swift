import ArgumentParser
import WasendCloudAPI
import WasendCore

/// `wasend-bench cloud-api`: the provider's CPU cost per unit of work: verifying and parsing
/// webhook bodies (a single status, and a 3 MB batch of 1,000, Meta's upper bound), building send
/// bodies, and reading send responses. The webhook receiver must answer Meta within 250 ms.
struct CloudAPIBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cloud-api",
        abstract: "Webhook verify+parse, send body building and response parsing, per second.")

    @Option(help: "Iterations of each small operation.")
    var iterations = 100_000

    @Option(help: "Iterations of the 3 MB webhook batch.")
    var batches = 50

    func run() async throws {
        let signature = WebhookSignature(appSecret: "benchmark-secret")

        let single = Array(Self.webhookBody(statuses: 1, detailsLength: 0).utf8)
        let singleHeader = signature.sign(single)
        let singleRate = try Self.perSecond(iterations) {
            try signature.verify(single, header: singleHeader)
            return try WebhookEventParser.events(from: single).count
        }
        print("webhook, 1 status (\(single.count) bytes), verify + parse: \(Int(singleRate)) bodies/s")

        let batch = Array(Self.webhookBody(statuses: 1_000, detailsLength: 2_800).utf8)
        let batchHeader = signature.sign(batch)
        let verifyRate = try Self.perSecond(batches) {
            try signature.verify(batch, header: batchHeader)
            return 1
        }
        let batchRate = try Self.perSecond(batches) {
            try signature.verify(batch, header: batchHeader)
            return try WebhookEventParser.events(from: batch).count
        }
        let megabytes = Double(batch.count) / 1_000_000
        print("webhook, 1,000 statuses (\(String(megabytes).prefix(4)) MB):")
        print(
            "  verify only:    \(String(1_000 / verifyRate).prefix(6)) ms per body, \(Int(verifyRate * megabytes)) MB/s"
        )
        print(
            "  verify + parse: \(String(1_000 / batchRate).prefix(6)) ms per body, \(Int(batchRate * 1_000)) events/s")

        let job = SendJob(
            jobID: JobID(campaignID: "bench", recipient: try PhoneNumber(e164Digits: "4915112345678")),
            campaignID: "bench", phoneNumberID: "106540352242922", portfolioID: "p",
            recipient: try PhoneNumber(e164Digits: "4915112345678"), category: .marketing,
            message: .template(
                TemplateMessage(
                    name: "spring_offer", languageCode: "en_US",
                    components: [.body([.text("Ada"), .currency(fallback: "€1.50", code: "EUR", amount1000: 1_500)])])))
        let buildRate = try Self.perSecond(iterations) { CloudAPIMessageRequest(job: job).encodedBody().count }
        print("send body from a template job: \(Int(buildRate)) bodies/s")

        let response = Array(
            #"{"messaging_product":"whatsapp","contacts":[{"input":"4915112345678","wa_id":"4915112345678"}],"messages":[{"id":"wamid.HBgLMTM0Mzc3NzI5MTAVAgARGBI2REE3M0I0NEYzQjM1NkI2MDcA","message_status":"accepted"}]}"#
                .utf8)
        let parseRate = try Self.perSecond(iterations) {
            guard case .accepted = SendResponseParser.outcome(httpStatus: 200, body: response) else { return 0 }
            return 1
        }
        print("send response parse: \(Int(parseRate)) responses/s")
    }

    /// Runs `work` `count` times and returns how many runs a second it managed. `work` returns a
    /// number so that the optimiser cannot drop it.
    private static func perSecond(_ count: Int, _ work: () throws -> Int) throws -> Double {
        var sink = 0
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<count {
            sink &+= try work()
        }
        let elapsed = clock.now - start
        precondition(sink >= 0)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(count) / seconds
    }

    private static func webhookBody(statuses: Int, detailsLength: Int) -> String {
        let details = String(repeating: "d", count: detailsLength)
        let entries = (0..<statuses).map { index in
            #"{"id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3\#(index)","status":"failed","timestamp":"\#(1_700_000_000 + index)","recipient_id":"4915100\#(index)","biz_opaque_callback_data":"j0123456789abcdef0123456789a\#(index)","errors":[{"code":131026,"title":"Receiver is incapable of receiving this message","error_data":{"details":"\#(details)"}}]}"#
        }
        return
            #"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"statuses":[\#(entries.joined(separator: ","))]}}]}]}"#
    }
}
