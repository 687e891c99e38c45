import Foundation
import Testing
import WasendCore
import WasendSimulator

@Suite("Simulator: reads and administration", .serialized)
struct SimulatorReadAndAdminTests {
    @Test("the phone number read answers the fields asked for")
    func phoneNumberRead() async throws {
        try await SimulatorHarness.run(SimulatorHarness.configuration { $0.messagingTier = .tier2K }) { (simulator: SimulatorHarness) async throws -> Void in
            let fields = "display_phone_number,verified_name,quality_rating,throughput,whatsapp_business_manager_messaging_limit"
            let response = try await simulator.get("/v23.0/\(SimulatorHarness.numberID)?fields=\(fields)")
            #expect(response.status == 200)
            let body = try response.json
            #expect(body["id"] as? String == SimulatorHarness.numberID)
            #expect(body["display_phone_number"] as? String == "15550000001")
            #expect(body["quality_rating"] as? String == "GREEN")
            #expect((body["throughput"] as? [String: Any])?["level"] as? String == "STANDARD")
            #expect(body["whatsapp_business_manager_messaging_limit"] as? String == "TIER_2K")
            let expectedKeys: Set<String> = Set(fields.split(separator: ",").map(String.init)).union(["id"])
            #expect(Set(body.keys) == expectedKeys)

            let unknownField = try await simulator.get("/v23.0/\(SimulatorHarness.numberID)?fields=no_such_field")
            #expect(unknownField.errorCode == 100)
            let unknownNumber = try await simulator.get("/v23.0/999")
            #expect(unknownNumber.errorCode == 100)
            let withoutToken = try await simulator.get("/v23.0/\(SimulatorHarness.numberID)", token: nil)
            #expect(withoutToken.status == 401)
        }
    }

    @Test("the template list answers the account's templates, filtered by name")
    func templateList() async throws {
        try await SimulatorHarness.run(SimulatorHarness.configuration()) { (simulator: SimulatorHarness) async throws -> Void in
            let all = try await simulator.get("/v23.0/\(SimulatorHarness.wabaID)/message_templates")
            #expect(all.status == 200)
            let templates = try #require(try all.json["data"] as? [[String: Any]])
            #expect(Set(templates.compactMap { $0["name"] as? String }) == ["hello_world", "campaign_offer"])
            #expect(templates.allSatisfy { $0["status"] as? String == "APPROVED" && $0["language"] as? String == "en_US" })

            let named = try await simulator.get("/v23.0/\(SimulatorHarness.wabaID)/message_templates?name=campaign_offer")
            let only = try #require(try named.json["data"] as? [[String: Any]])
            #expect(only.count == 1)
            #expect(only.first?["category"] as? String == "MARKETING")

            let unknown = try await simulator.get("/v23.0/42/message_templates")
            #expect(unknown.errorCode == 100)
        }
    }

    @Test("the statistics count sends per job, find duplicates, and reset")
    func statisticsAndDuplicates() async throws {
        try await SimulatorHarness.run(SimulatorHarness.configuration()) { (simulator: SimulatorHarness) async throws -> Void in
            #expect(try await simulator.send(SimulatorHarness.templateMessage(to: "15551230001", jobID: "job-a")).status == 200)
            #expect(try await simulator.send(SimulatorHarness.templateMessage(to: "15551230002", jobID: "job-b")).status == 200)
            #expect(try await simulator.send(SimulatorHarness.templateMessage(to: "15551230001", jobID: "job-a")).status == 200)
            #expect(try await simulator.send(SimulatorHarness.templateMessage(to: "15551230003")).status == 200)
            #expect(try await simulator.send(SimulatorHarness.templateMessage(to: "15551230004", template: "nope", jobID: "job-c")).status == 400)

            let report = try await simulator.report(includingJobs: true)
            #expect(report.acceptedSends == 4)
            #expect(report.distinctJobs == 2)
            #expect(report.duplicateJobs == ["job-a": 2])
            #expect(report.acceptedPerJob == ["job-a": 2, "job-b": 1])
            #expect(report.sendsWithoutJobID == 1)
            #expect(report.rejectionsByCode == ["132001": 1])
            #expect(report.numbers[SimulatorHarness.numberID]?.acceptedSends == 4)
            #expect((report.numbers[SimulatorHarness.numberID]?.peakSendsPerSecond ?? 0) >= 1)
            #expect(report.portfolios.values.first?.uniqueRecipients == 3)
            #expect(try await simulator.report().acceptedPerJob == nil)

            #expect(try await simulator.post("/_sim/reset", json: "").status == 204)
            let cleared = try await simulator.report()
            #expect(cleared.acceptedSends == 0)
            #expect(cleared.duplicateJobs.isEmpty)
            #expect(cleared.portfolios.values.first?.uniqueRecipients == 0)
        }
    }

    @Test("configuration changes merge into the behaviour and bad ones change nothing")
    func configurationChanges() async throws {
        try await SimulatorHarness.run(SimulatorHarness.configuration()) { (simulator: SimulatorHarness) async throws -> Void in
            let changed = try await simulator.post("/_sim/config", json: #"{"messaging_tier": -1, "throughput_burst": null, "latency_ms": 2, "undeliverable_recipients": ["15550009999"]}"#)
            #expect(changed.status == 200)
            let body = try changed.json
            #expect(body["messaging_tier"] as? Int == -1)
            #expect(body["throughput_burst"] is NSNull)
            #expect(body["latency_ms"] as? Double == 2)
            #expect(body["undeliverable_recipients"] as? [String] == ["15550009999"])

            #expect(try await simulator.post("/_sim/config", json: #"{"no_such_setting": 1}"#).status == 400)
            #expect(try await simulator.post("/_sim/config", json: #"{"read_fraction": 2}"#).status == 400)
            #expect(try await simulator.post("/_sim/config", json: "[1]").status == 400)

            let current = try await simulator.get("/_sim/config", token: nil).json
            #expect(current["read_fraction"] as? Double == 1)
            #expect(current["latency_ms"] as? Double == 2)
        }
    }
}
