import Foundation
import Logging
import Testing
import WasendCloudAPI
import WasendCore
import WasendHTTP
import WasendSimulator
import WasendTestSupport

/// The client over real HTTP (curl) against the simulator playing graph.facebook.com on loopback.
@Suite("CloudAPIClient against the simulator", .serialized)
struct CloudAPIClientSimulatorTests {
    private static let number = SimulatedPhoneNumber()

    private func withClient(
        token: CloudAPIClient.AccessToken = "wasend-sim-token",
        behaviour: SimulatorBehaviour = SimulatorBehaviour(),
        _ body: @Sendable (CloudAPIClient, _ simulatorURL: String) async throws -> Void
    ) async throws {
        // Losing answers and refusing tokens is expected here; keep the server's logs to real failures.
        var logger = Logger(label: "wasend.sim")
        logger.logLevel = .critical
        var configuration = SimulatorConfiguration(port: 0)
        configuration.behaviour = behaviour
        try await withRunningService({ SimulatorService(configuration: configuration, logger: logger, onServerRunning: $0) }) { port in
            // The client stops before the server does: no connection arrives while it shuts down.
            let http = try HTTPClient(configuration: .init(protocolVersion: .http1))
            let client = CloudAPIClient(
                configuration: .init(baseURL: "http://127.0.0.1:\(port)", apiVersion: "v23.0", accessToken: token),
                httpClient: http)
            do {
                try await body(client, "http://127.0.0.1:\(port)")
            } catch {
                await http.shutdown()
                throw error
            }
            await http.shutdown()
        }
    }

    private func job(_ message: MessageContent, to digits: String = "15551230001") throws -> SendJob {
        SendJob(
            jobID: JobID(campaignID: "spring", recipient: try PhoneNumber(e164Digits: digits)), campaignID: "spring",
            phoneNumberID: Self.number.id, portfolioID: Self.number.portfolioID,
            recipient: try PhoneNumber(e164Digits: digits), category: .marketing, message: message)
    }

    @Test func templateSendIsAccepted() async throws {
        let job = try job(
            .template(
                TemplateMessage(name: "campaign_offer", languageCode: "en_US", components: [.body([.text("Ada")])])))
        try await withClient { client, _ in
            guard case .accepted(let acceptance) = await client.send(job) else {
                Issue.record("expected the send to be accepted")
                return
            }
            #expect(acceptance.wamid.hasPrefix("wamid."))
            #expect(acceptance.messageStatus == .accepted)
            #expect(acceptance.waID == "15551230001")
        }
    }

    @Test func wrongTokenStopsTheSender() async throws {
        let job = try job(.template(TemplateMessage(name: "hello_world", languageCode: "en_US")))
        try await withClient(token: "not-the-token") { client, _ in
            guard case .failed(let error) = await client.send(job) else {
                Issue.record("expected the send to fail")
                return
            }
            #expect(error.code == 190)
            #expect(error.httpStatus == 401)
            #expect(error.advice.errorClass == .stopSender)
        }
    }

    @Test func unknownTemplateIsPermanent() async throws {
        let job = try job(.template(TemplateMessage(name: "no_such_template", languageCode: "en_US")))
        try await withClient { client, _ in
            guard case .failed(let error) = await client.send(job) else {
                Issue.record("expected the send to fail")
                return
            }
            #expect(error.code == 132001)
            #expect(error.advice.errorClass == .permanent)
            #expect(error.advice.scope == .template)
            #expect(error.fbtraceID?.isEmpty == false)
        }
    }

    @Test func phoneNumberRead() async throws {
        try await withClient { client, _ in
            let info = try await client.phoneNumber(id: Self.number.id)
            #expect(info.id == Self.number.id)
            #expect(info.displayPhoneNumber == Self.number.displayPhoneNumber)
            #expect(info.verifiedName == Self.number.verifiedName)
            #expect(info.qualityRating == "GREEN")
        }
    }

    @Test func unknownPhoneNumberReadThrows() async throws {
        try await withClient { client, _ in
            let error = await #expect(throws: CloudAPIError.self) { try await client.phoneNumber(id: "123123") }
            #expect(error?.code == 100)
            #expect(error?.subcode == 33)
        }
    }

    @Test func templateListing() async throws {
        try await withClient { client, _ in
            let templates = try await client.messageTemplates(businessAccountID: Self.number.wabaID)
            #expect(templates.map(\.name) == ["hello_world", "campaign_offer"])
            #expect(templates.last?.category == "MARKETING")
            #expect(templates.last?.status == "APPROVED")
            #expect(templates.last?.components?.first?.text == "Hello {{1}}, our offer is waiting for you.")
        }
    }

    @Test func nothingListeningIsTransient() async throws {
        let http = try HTTPClient(configuration: .init(protocolVersion: .http1, connectTimeout: .seconds(2)))
        let client = CloudAPIClient(
            configuration: .init(baseURL: "http://127.0.0.1:9", accessToken: "t"), httpClient: http)
        let outcome = await client.send(try job(.text(TextMessage(body: "hi"))))
        await http.shutdown()
        guard case .failed(let error) = outcome else {
            Issue.record("expected a transport failure")
            return
        }
        #expect(error.code == nil)
        #expect(error.httpStatus == nil)
        #expect(error.advice.errorClass == .transient)
        #expect(!error.mayHaveBeenTaken, "a refused connection sent nothing")
    }

    @Test func aLostAnswerOnAReusedConnectionIsNotSentAgainByTheTransport() async throws {
        try await withClient { client, simulatorURL in
            let http = try HTTPClient(configuration: .init(protocolVersion: .http1))
            // The first send leaves its connection open for the second; then every answer is lost.
            guard case .accepted = await client.send(try job(.text(TextMessage(body: "one")))) else {
                Issue.record("the first send should be accepted")
                return
            }
            let lose = #"{"lost_answer_fraction": 1}"#
            _ = try await http.execute(
                HTTPRequest(
                    method: .post, url: simulatorURL + "/_sim/config", headers: ["Content-Type": "application/json"],
                    body: Array(lose.utf8)))
            let outcome = await client.send(try job(.text(TextMessage(body: "two")), to: "15551230002"))
            let stats = try await http.execute(HTTPRequest(url: simulatorURL + "/_sim/stats"))
            await http.shutdown()
            guard case .failed(let error) = outcome else {
                Issue.record("expected the lost answer to fail the send, got \(outcome)")
                return
            }
            #expect(error.mayHaveBeenTaken)
            let report = try JSONDecoder().decode(SimulatorReport.self, from: Data(stats.body))
            #expect(report.acceptedSends == 2, "curl must not send the second message again on a fresh connection")
        }
    }

    @Test func aLostAnswerMayHaveBeenTaken() async throws {
        try await withClient(behaviour: SimulatorBehaviour(lostAnswerFraction: 1)) { client, _ in
            let outcome = await client.send(try job(.text(TextMessage(body: "hi"))))
            guard case .failed(let error) = outcome else {
                Issue.record("expected a transport failure, got \(outcome)")
                return
            }
            #expect(error.advice.errorClass == .transient)
            #expect(error.mayHaveBeenTaken, "the connection dropped after the request went out")
        }
    }
}
