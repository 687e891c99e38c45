import Hummingbird
import Logging
import ServiceLifecycle
import WasendCloudAPI
import WasendCore
import WasendLimits

/// Stands in for the aggregator (built separately) in the sender's crash test: it receives the
/// simulator's status webhooks and settles each job they name in the send ledger, as the
/// aggregator does, so a job whose sender died mid-send is settled instead of sent again.
final class LedgerSettlingReceiver: Sendable {
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init(port: Int, ledger: SendLedger, campaignID: String) async throws {
        self.port = port
        let router = Router()
        router.post("webhook") { request, context -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 8 << 20)
            // One round trip per POST, as the aggregator does: settling status by status fell
            // behind on a loaded machine, past the in-doubt window.
            let sent = try WebhookEventParser.events(from: body.readableBytesView).compactMap {
                event -> (jobID: JobID, campaignID: String, wamid: String)? in
                guard case .status(let update) = event, let jobID = update.jobID else { return nil }
                return (jobID: jobID, campaignID: campaignID, wamid: update.wamid)
            }
            try await ledger.settle(sent, at: .epoch)
            return .ok
        }
        var logger = Logger(label: "wasend.test.webhooks")
        logger.logLevel = .warning
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        task = Task { [group] in try await group.run() }
    }

    var url: String { "http://127.0.0.1:\(port)/webhook" }

    func shutdown() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}
