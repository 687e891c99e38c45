import Foundation
import Logging
import ServiceLifecycle
import WasendCloudAPI
import WasendHTTP

/// Posts the simulator's webhooks: every tick it takes the due batches from the schedule, signs
/// them and posts them, at most ``WebhookConfiguration/concurrency`` at once, and reports each
/// outcome back so failed POSTs are retried with backoff.
///
/// It runs until graceful shutdown; POSTs in flight then are cancelled and nothing is retried.
struct WebhookDispatcher: Service {
    private let simulator: Simulator
    private let url: String
    private let configuration: WebhookConfiguration
    private let encoder: WebhookPayloadEncoder
    private let client: HTTPClient
    private let logger: Logger

    init(simulator: Simulator, url: String, client: HTTPClient, logger: Logger) {
        self.simulator = simulator
        self.url = url
        self.configuration = simulator.configuration.webhook
        self.encoder = WebhookPayloadEncoder(numbers: simulator.configuration.phoneNumbers, appSecret: configuration.appSecret)
        self.client = client
        self.logger = logger
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                // The schedule's resolution is one tick: sleeping a tick between looks adds no delay
                // the schedule would not have anyway.
                while (try? await Task.sleep(for: configuration.tick)) != nil {
                    let deliveries = simulator.withState { state, now in state.takeWebhookDeliveries(now: now) }
                    for delivery in deliveries {
                        group.addTask { await post(delivery) }
                    }
                }
            }
        }
    }

    private func post(_ delivery: WebhookSchedule.Delivery) async {
        var delivery = delivery
        let succeeded: Bool
        do {
            let body = try delivery.body ?? encoder.encode(delivery.events, at: Int64(Date().timeIntervalSince1970))
            delivery.body = body
            let response = try await client.execute(
                HTTPRequest(
                    method: .post, url: url,
                    headers: ["Content-Type": "application/json", WebhookSignature.headerName: body.signature],
                    body: body.bytes, timeout: configuration.requestTimeout))
            succeeded = response.status == 200
            if !succeeded {
                logger.debug("Webhook POST not accepted", metadata: ["status": "\(response.status)", "attempt": "\(delivery.attempt)"])
            }
        } catch {
            logger.debug("Webhook POST failed", metadata: ["error": "\(error)", "attempt": "\(delivery.attempt)"])
            succeeded = false
        }
        simulator.withState { state, now in state.completeWebhookDelivery(delivery, succeeded: succeeded, now: now) }
    }
}
