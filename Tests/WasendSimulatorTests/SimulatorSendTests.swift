import Foundation
import Testing
import WasendCloudAPI
import WasendHTTP
import WasendSimulator

/// The send endpoint over real HTTP: Meta's answers for each case.
@Suite("Simulator: send", .serialized)
struct SimulatorSendTests {
    @Test("a valid send answers like Meta, with a fresh wamid each time")
    func acceptedSend() async throws {
        try await SimulatorHarness.run(SimulatorHarness.configuration()) { (simulator: SimulatorHarness) async throws -> Void in
            let first = try await simulator.send(SimulatorHarness.templateMessage(to: "+15551230001", jobID: "job-1"))
            let second = try await simulator.send(SimulatorHarness.templateMessage(to: "15551230002", jobID: "job-2"))
            #expect(first.status == 200)
            #expect(first.headers["Content-Type"]?.hasPrefix("application/json") == true)
            let body = try first.json
            #expect(Set(body.keys) == ["messaging_product", "contacts", "messages"])
            #expect(body["messaging_product"] as? String == "whatsapp")
            let contact = try #require((body["contacts"] as? [[String: Any]])?.first)
            #expect(contact["input"] as? String == "+15551230001")
            #expect(contact["wa_id"] as? String == "15551230001")
            let response = try JSONDecoder().decode(CloudAPISendResponse.self, from: Data(first.body))
            let message = try #require(response.messages.first)
            #expect(message.id.hasPrefix("wamid.HBgL"))
            #expect(message.messageStatus == "accepted")
            let other = try JSONDecoder().decode(CloudAPISendResponse.self, from: Data(second.body))
            #expect(other.messages.first?.id != message.id)
        }
    }

    @Test("a missing or wrong token answers 401 with code 190")
    func invalidToken() async throws {
        try await SimulatorHarness.run(SimulatorHarness.configuration()) { (simulator: SimulatorHarness) async throws -> Void in
            for token in [nil, "not-the-token"] {
                let response = try await simulator.send(SimulatorHarness.templateMessage(to: "15551230001"), token: token)
                #expect(response.status == 401)
                #expect(response.errorCode == 190)
                #expect(try (response.json["error"] as? [String: Any])?["type"] as? String == "OAuthException")
            }
            #expect(try await simulator.report().rejectionsByCode["190"] == 2)
        }
    }

    @Test("an unknown phone number id answers 100 with subcode 33")
    func unknownPhoneNumber() async throws {
        try await SimulatorHarness.run(SimulatorHarness.configuration()) { (simulator: SimulatorHarness) async throws -> Void in
            let response = try await simulator.send(SimulatorHarness.templateMessage(to: "15551230001"), number: "123123")
            #expect(response.status == 400)
            let error = try JSONDecoder().decode(GraphErrorResponse.self, from: Data(response.body)).error
            #expect(error.code == 100)
            #expect(error.errorSubcode == 33)
            #expect(error.type == "GraphMethodException")
            #expect(error.message?.contains("Object with ID '123123' does not exist") == true)
            #expect(error.fbtraceID?.isEmpty == false)
        }
    }

    @Test("an unknown template, or a known one in another language, answers 132001")
    func unknownTemplate() async throws {
        try await SimulatorHarness.run(SimulatorHarness.configuration()) { (simulator: SimulatorHarness) async throws -> Void in
            let unknown = try await simulator.send(SimulatorHarness.templateMessage(to: "15551230001", template: "no_such_template"))
            let wrongLanguage = try await simulator.send(SimulatorHarness.templateMessage(to: "15551230001", language: "pt_BR"))
            #expect(unknown.errorCode == 132001)
            #expect(wrongLanguage.errorCode == 132001)
            #expect(try await simulator.report().rejectionsByCode["132001"] == 2)
        }
    }

    @Test("a body that is not a message answers 100")
    func invalidBody() async throws {
        try await SimulatorHarness.run(SimulatorHarness.configuration()) { (simulator: SimulatorHarness) async throws -> Void in
            for body in ["not json", #"{"messaging_product":"whatsapp","type":"template"}"#, #"{"messaging_product":"sms","to":"15551230001","type":"text","text":{"body":"hi"}}"#] {
                let response = try await simulator.send(body)
                #expect(response.status == 400)
                #expect(response.errorCode == 100)
            }
        }
    }

    @Test("over the number's throughput answers 130429")
    func throughputLimit() async throws {
        let configuration = SimulatorHarness.configuration { behaviour in
            // One message per 100 s: only the first of a quick series fits, whatever the machine's speed.
            behaviour.defaultMessagesPerSecond = 0.01
            behaviour.throughputBurst = 1
        }
        try await SimulatorHarness.run(configuration) { (simulator: SimulatorHarness) async throws -> Void in
            var codes: [Int?] = []
            for index in 0..<5 {
                let response = try await simulator.send(SimulatorHarness.templateMessage(to: "1555123000\(index)"))
                codes.append(response.status == 200 ? nil : response.errorCode)
            }
            #expect(codes == [nil, 130429, 130429, 130429, 130429])
            let report = try await simulator.report()
            #expect(report.rejectionsByCode["130429"] == 4)
            #expect(report.numbers[SimulatorHarness.numberID]?.peakSendsPerSecond == 1)
        }
    }

    @Test("over the pair limit answers 131056 for that recipient only")
    func pairLimit() async throws {
        let configuration = SimulatorHarness.configuration { behaviour in
            behaviour.pairInterval = .seconds(600)
            behaviour.pairBurst = 2
        }
        try await SimulatorHarness.run(configuration) { (simulator: SimulatorHarness) async throws -> Void in
            let message = SimulatorHarness.templateMessage(to: "15551230001")
            #expect(try await simulator.send(message).status == 200)
            #expect(try await simulator.send(message).status == 200)
            #expect(try await simulator.send(message).errorCode == 131056)
            #expect(try await simulator.send(SimulatorHarness.templateMessage(to: "15551230002")).status == 200)
        }
    }

    @Test("over the portfolio's 24 h unique-recipient tier answers 131048; counted recipients still pass")
    func messagingTier() async throws {
        let configuration = SimulatorHarness.configuration { behaviour in
            behaviour.messagingTier = .tier250
            behaviour.defaultMessagesPerSecond = 100_000
        }
        try await SimulatorHarness.run(configuration) { (simulator: SimulatorHarness) async throws -> Void in
            var statuses: [Int] = []
            for index in 0..<250 {
                statuses.append(try await simulator.send(SimulatorHarness.templateMessage(to: "\(15_551_230_000 + index)")).status)
            }
            #expect(statuses.allSatisfy { $0 == 200 })
            let beyond = try await simulator.send(SimulatorHarness.templateMessage(to: "15551239999"))
            #expect(beyond.errorCode == 131048)
            let counted = try await simulator.send(SimulatorHarness.templateMessage(to: "15551230000"))
            #expect(counted.status == 200)
            let report = try await simulator.report()
            #expect(report.portfolios.values.first?.uniqueRecipients == 250)
            #expect(report.portfolios.values.first?.messagingLimit == 250)
        }
    }

    @Test("transient failures: 131000, bare 503 and dropped connections, switched on at run time")
    func transientFailures() async throws {
        try await SimulatorHarness.run(SimulatorHarness.configuration()) { (simulator: SimulatorHarness) async throws -> Void in
            let message = SimulatorHarness.templateMessage(to: "15551230001")

            #expect(try await simulator.post("/_sim/config", json: #"{"transient_error_fraction": 1}"#).status == 200)
            let transient = try await simulator.send(message)
            #expect(transient.status == 500)
            #expect(transient.errorCode == 131000)

            #expect(try await simulator.post("/_sim/config", json: #"{"transient_error_fraction": 0, "server_error_fraction": 1}"#).status == 200)
            let unavailable = try await simulator.send(message)
            #expect(unavailable.status == 503)
            #expect(unavailable.errorCode == nil)

            #expect(try await simulator.post("/_sim/config", json: #"{"server_error_fraction": 0, "connection_reset_fraction": 1}"#).status == 200)
            await #expect(throws: HTTPClientError.self) {
                _ = try await simulator.send(message)
            }

            #expect(try await simulator.post("/_sim/config", json: #"{"connection_reset_fraction": 0}"#).status == 200)
            #expect(try await simulator.send(message).status == 200)

            let report = try await simulator.report()
            #expect(report.rejectionsByCode["131000"] == 1)
            #expect(report.serverErrors == 1)
            // curl resends once on a reused connection that died without an answer, so one send
            // may meet the reset twice.
            #expect((1...2).contains(report.connectionResets))
            #expect(report.acceptedSends == 1)
        }
    }

    @Test("a fraction of transient failures hits some sends and spares others")
    func partialTransientFailures() async throws {
        let configuration = SimulatorHarness.configuration { behaviour in
            behaviour.transientErrorFraction = 0.5
            behaviour.defaultMessagesPerSecond = 10_000
            behaviour.throughputBurst = 1_000
        }
        try await SimulatorHarness.run(configuration) { (simulator: SimulatorHarness) async throws -> Void in
            var statuses: [Int] = []
            for index in 0..<40 {
                statuses.append(try await simulator.send(SimulatorHarness.templateMessage(to: "155512300\(index + 10)")).status)
            }
            #expect(statuses.contains(200))
            #expect(statuses.contains(500))
            #expect(Set(statuses) == [200, 500])
        }
    }
}
