import Foundation
import Testing
import WasendCloudAPI
import WasendSimulator
import WasendTestSupport

/// Status webhooks posted to a receiver run by the test, over real HTTP.
@Suite("Simulator: webhooks", .serialized)
struct SimulatorWebhookTests {
    /// Runs a receiver, then a simulator posting to it.
    private func withReceiver(
        failFirst: Int = 0,
        behaviour: @escaping (inout SimulatorBehaviour) -> Void = { _ in },
        webhook: (inout WebhookConfiguration) -> Void = { _ in },
        _ body: (SimulatorHarness, WebhookReceiver) async throws -> Void
    ) async throws {
        let receiver = WebhookReceiver(failFirst: failFirst)
        try await withRunningService({ receiver.makeService(onServerRunning: $0) }) { webhookPort in
            var configuration = SimulatorHarness.configuration(webhookPort: webhookPort, behaviour: behaviour)
            webhook(&configuration.webhook)
            try await SimulatorHarness.run(configuration) { (simulator: SimulatorHarness) async throws -> Void in
                try await body(simulator, receiver)
            }
        }
    }

    @Test("sent, delivered and read arrive signed, each with the send's biz_opaque_callback_data")
    func signedStatuses() async throws {
        try await withReceiver { (simulator: SimulatorHarness, receiver: WebhookReceiver) async throws -> Void in
            let response = try await simulator.send(SimulatorHarness.templateMessage(to: "15551230001", jobID: "job-42"))
            let wamid = try #require(try JSONDecoder().decode(CloudAPISendResponse.self, from: Data(response.body)).messages.first?.id)

            #expect(try await eventually { try Set(receiver.acceptedStatuses().map(\.status)) == ["sent", "delivered", "read"] })
            let signature = WebhookSignature(appSecret: "test-secret")
            for post in receiver.posts {
                #expect(throws: Never.self) { try signature.verify(post.body, header: post.signature) }
                #expect(throws: WebhookSignatureError.self) { try WebhookSignature(appSecret: "other").verify(post.body, header: post.signature) }
            }
            let statuses = try receiver.acceptedStatuses()
            #expect(statuses.allSatisfy { $0.id == wamid && $0.bizOpaqueCallbackData == "job-42" && $0.recipientID == "15551230001" })
            #expect(statuses.allSatisfy { Int64($0.timestamp) != nil })
            #expect(statuses.first { $0.status == "sent" }?.pricing?.category == "utility")
            let value = try #require(try receiver.acceptedValues().first)
            #expect(value.metadata?.phoneNumberID == SimulatorHarness.numberID)
        }
    }

    @Test("an undeliverable recipient's send is accepted, then sent, then failed with 131026")
    func undeliverableRecipient() async throws {
        try await withReceiver(behaviour: { $0.undeliverableRecipients = ["15550000404"] }) { (simulator: SimulatorHarness, receiver: WebhookReceiver) async throws -> Void in
            #expect(try await simulator.send(SimulatorHarness.templateMessage(to: "15550000404", jobID: "job-404")).status == 200)
            // The two may arrive in either order, as Meta's do.
            #expect(try await eventually { try Set(receiver.acceptedStatuses().map(\.status)) == ["sent", "failed"] })
            let statuses = try receiver.acceptedStatuses()
            let failed = try #require(statuses.first { $0.status == "failed" })
            #expect(failed.errors?.first?.code == 131026)
            #expect(failed.bizOpaqueCallbackData == "job-404")
        }
    }

    @Test("a POST not answered 200 is retried with the same signed body until it is")
    func retries() async throws {
        try await withReceiver(failFirst: 2) { (simulator: SimulatorHarness, receiver: WebhookReceiver) async throws -> Void in
            #expect(try await simulator.send(SimulatorHarness.templateMessage(to: "15551230001", jobID: "job-r")).status == 200)
            #expect(try await eventually { try Set(receiver.acceptedStatuses().map(\.status)) == ["sent", "delivered", "read"] })
            let posts = receiver.posts
            let failed = posts.filter { !$0.accepted }
            #expect(failed.count == 2)
            for post in failed {
                #expect(posts.contains { $0.accepted && $0.body == post.body && $0.signature == post.signature })
            }
            let report = try await simulator.report()
            #expect(report.webhooks.failedAttempts == 2)
            #expect(report.webhooks.postsAbandoned == 0)
            #expect(try await eventually { try await simulator.report().webhooks.updatesDelivered == 3 })
        }
    }

    @Test("a POST is abandoned after its last attempt and counted")
    func abandonment() async throws {
        try await withReceiver(failFirst: 1_000, webhook: { $0.maximumAttempts = 2 }) { (simulator: SimulatorHarness, receiver: WebhookReceiver) async throws -> Void in
            #expect(try await simulator.send(SimulatorHarness.templateMessage(to: "15551230001")).status == 200)
            #expect(try await eventually { try await simulator.report().webhooks.queued == 0 })
            let report = try await simulator.report()
            #expect(report.webhooks.postsAbandoned >= 1)
            #expect(report.webhooks.failedAttempts == 2 * report.webhooks.postsAbandoned)
            #expect(report.webhooks.updatesDelivered == 0)
        }
    }

    @Test("updates are batched, and some are duplicated when asked")
    func batchingAndDuplicates() async throws {
        let behaviour: (inout SimulatorBehaviour) -> Void = {
            $0.duplicateFraction = 0.5
            $0.defaultMessagesPerSecond = 10_000
            $0.throughputBurst = 1_000
        }
        let batchSize = 7
        try await withReceiver(behaviour: behaviour, webhook: { $0.batchSize = batchSize }) { (simulator: SimulatorHarness, receiver: WebhookReceiver) async throws -> Void in
            for index in 0..<20 {
                #expect(try await simulator.send(SimulatorHarness.templateMessage(to: "155512301\(index + 10)", jobID: "job-\(index)")).status == 200)
            }
            // 20 messages × 3 statuses, plus the duplicates the simulator reports injecting.
            #expect(
                try await eventually {
                    let report = try await simulator.report()
                    return report.webhooks.queued == 0 && report.webhooks.updatesDelivered == 60 + report.webhooks.duplicatesInjected
                })
            let report = try await simulator.report()
            #expect(report.webhooks.duplicatesInjected > 0)
            let values = try receiver.acceptedValues()
            #expect(values.allSatisfy { ($0.statuses?.count ?? 0) <= batchSize })
            let statuses = try receiver.acceptedStatuses()
            // Delivery is at least once, as Meta's is: a POST the simulator gave up on (a timeout on
            // a loaded machine) may have reached the receiver, and its retry delivers it again.
            let redelivered = report.webhooks.failedAttempts * batchSize
            #expect(statuses.count >= 60 + report.webhooks.duplicatesInjected)
            #expect(statuses.count <= 60 + report.webhooks.duplicatesInjected + redelivered)
            #expect(Set(statuses.map { "\($0.id) \($0.status)" }).count == 60)
        }
    }

    @Test("a stop recipient answers its first message with an inbound STOP")
    func inboundStop() async throws {
        try await withReceiver(behaviour: { $0.stopRecipients = ["15551239999"] }) { (simulator: SimulatorHarness, receiver: WebhookReceiver) async throws -> Void in
            #expect(try await simulator.send(SimulatorHarness.templateMessage(to: "15551239999")).status == 200)
            #expect(try await eventually { try receiver.acceptedValues().contains { $0.messages?.isEmpty == false } })
            let value = try #require(try receiver.acceptedValues().first { $0.messages?.isEmpty == false })
            let message = try #require(value.messages?.first)
            #expect(message.from == "15551239999")
            #expect(message.type == "text")
            #expect(message.text?.body == "STOP")
            #expect(value.contacts?.first?.waID == "15551239999")
            #expect(try await simulator.report().webhooks.inboundMessages == 1)
        }
    }
}
