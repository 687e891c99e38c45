import Foundation
import Logging
import Testing
import WasendCore
import WasendHTTP
import WasendKafka
import WasendTestSupport

@Suite("wasend dev")
struct DevCommandTests {
    @Test("starts the embedded Kafka and a redis-server, and both work end to end")
    func embeddedKafkaAndRedisWork() async throws {
        let dev = try WasendProcess(["dev", "--check-only", "--partitions", "4"])
        let status = try await dev.waitForExit(timeout: .seconds(120))
        #expect(status == 0)
        let lines = dev.lines
        #expect(lines.contains { $0.hasPrefix("kafka bootstrap=127.0.0.1:") })
        #expect(lines.contains { $0.hasPrefix("kafka ok: produced with acks=all") })
        #expect(lines.contains { $0.hasPrefix("redis ok: redis-server") })
    }

    @Test("a bad option is refused with its name and changes nothing")
    func badOptionIsRefused() async throws {
        let dev = try WasendProcess(["dev", "--partitions", "0"])
        let status = try await dev.waitForExit()
        #expect(status != 0)
    }
}

@Suite("wasend dev serves the campaign API", .serialized)
struct DevCommandPipelineTests {
    @Test("a campaign created, uploaded and started over HTTP is planned, with its skipped recipients counted")
    func campaignThroughTheAPIIsPlanned() async throws {
        let dev = try WasendProcess(["dev", "--partitions", "4"])
        let apiLine = try await dev.firstLine(where: { $0.hasPrefix("api http://") }, timeout: .seconds(120))
        let words = apiLine.split(separator: " ")
        let api = String(words[1])
        let key = String(try #require(words.first { $0.hasPrefix("wasend-dev-") }).filter { $0 != ";" })
        let client = try HTTPClient()
        func call(_ method: HTTPMethod, _ path: String, _ body: String? = nil, type: String = "application/json") async throws -> [String: Any] {
            let response = try await client.execute(HTTPRequest(
                method: method, url: api + path,
                headers: ["Authorization": "Bearer \(key)", "Content-Type": type], body: body.map { Array($0.utf8) }))
            #expect((200..<300).contains(response.status), "\(method) \(path): \(String(decoding: response.body, as: UTF8.self))")
            return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        }
        // The address is printed before the server binds: wait until it answers.
        let listening = ContinuousClock.now + .seconds(60)
        while (try? await client.execute(HTTPRequest(url: api + "/healthz")))?.status != 200, ContinuousClock.now < listening {
            try await Task.sleep(for: .milliseconds(100))
        }
        let campaign = try await call(.post, "/v1/campaigns", #"""
            {"name": "Dev", "from": "100000000000001", "category": "MARKETING",
             "template": {"name": "spring_sale", "language_code": "en_US",
                          "components": [{"type": "body", "parameters": [{"type": "text", "text": "{{first_name}}"}]}]}}
            """#)
        let id = try #require(campaign["id"] as? String)
        let csv = "phone,opt_in,first_name\n+44 7700 900123,true,Ann\n+1 (415) 555-0100,true,Bob\nabc,true,Bad\n+4915123456789,false,NoOpt\n"
        _ = try await call(.post, "/v1/campaigns/\(id)/recipients", csv, type: "text/csv")
        _ = try await call(.post, "/v1/campaigns/\(id)/start")

        var counters: [String: Any] = [:]
        let deadline = ContinuousClock.now + .seconds(60)
        while (counters["planned"] as? Int) != 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            counters = try await call(.get, "/v1/campaigns/\(id)")["counters"] as? [String: Any] ?? [:]
        }
        await client.shutdown()
        #expect(counters["planned"] as? Int == 2)
        #expect(counters["skipped"] as? [String: Int] == ["invalid_phone": 1, "no_opt_in": 1])
        dev.signal(SIGTERM)
        #expect(try await dev.waitForExit() == 0)
    }

    @Test("the demo sends a campaign from each number to completion, and its summary adds up")
    func demoCompletesAndItsSummaryAddsUp() async throws {
        let dev = try WasendProcess(["dev", "--partitions", "8", "--numbers", "3", "--demo", "3000"])
        let status = try await dev.waitForExit(timeout: .seconds(900))
        let lines = dev.lines
        #expect(status == 0, "\(lines.suffix(40))")
        #expect(lines.filter { $0.hasPrefix("demo campaign ") && $0.contains("uploading 1000 recipients") }.count == 3)

        // The summary table: a name, then its number at the end of the line.
        var summary: [String: Int] = [:]
        for line in lines {
            guard let last = line.split(separator: " ").last, let value = Int(last) else { continue }
            summary[line.dropLast(last.count).trimmingCharacters(in: .whitespaces)] = value
        }
        #expect(lines.contains { $0.hasPrefix("state") && $0.hasSuffix(" completed") }, "\(lines.suffix(40))")
        #expect(summary["recipients received"] == 3_000)
        let planned = try #require(summary["planned"])
        #expect(planned + (summary["skipped"] ?? 0) == 3_000)
        #expect((summary["no_opt_in"] ?? 0) + (summary["invalid_phone"] ?? 0) == summary["skipped"])
        #expect(summary["accepted by Meta"] == planned)
        #expect(summary["sent"] == planned)
        #expect((summary["delivered"] ?? 0) + (summary["failed to deliver"] ?? 0) + (summary["expired"] ?? 0) == planned)
        #expect((summary["131026"] ?? 0) > 0, "the undeliverable recipients failed with Meta's code")
        #expect(summary["failed to send"] == 0)
    }

    @Test("the simulator's signed status webhooks reach wasend.webhooks through the API's endpoint")
    func simulatorWebhooksReachKafka() async throws {
        let dev = try WasendProcess(["dev", "--partitions", "4"])
        let kafkaLine = try await dev.firstLine(where: { $0.hasPrefix("kafka bootstrap=") }, timeout: .seconds(120))
        let bootstrap = String(kafkaLine.dropFirst("kafka bootstrap=".count).prefix { $0 != " " })
        let simulatorLine = try await dev.firstLine(where: { $0.hasPrefix("simulator http://") }, timeout: .seconds(60))
        let simulator = String(simulatorLine.split(separator: " ")[1])
        let client = try HTTPClient()
        let message = #"{"messaging_product":"whatsapp","to":"15551230001","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}},"biz_opaque_callback_data":"job-dev-1"}"#
        var sent: HTTPResponse?
        let listening = ContinuousClock.now + .seconds(60)
        while sent?.status != 200, ContinuousClock.now < listening {
            sent = try? await client.execute(HTTPRequest(
                method: .post, url: simulator + "/v23.0/100000000000001/messages",
                headers: ["Authorization": "Bearer wasend-sim-token", "Content-Type": "application/json"], body: Array(message.utf8)))
            if sent?.status != 200 { try await Task.sleep(for: .milliseconds(100)) }
        }
        await client.shutdown()
        #expect(sent?.status == 200)

        // sent, then delivered (read only follows for some messages), each POST stored as it arrived.
        let consumer = try KafkaConsumer(
            configuration: .testReader(bootstrapServers: bootstrap),
            topics: ["wasend.webhooks"], logger: Logger(label: "dev-test"))
        // Ends the wait if they never come: `nextBatch()` then returns nil.
        let deadline = Task {
            try await Task.sleep(for: .seconds(60))
            try await consumer.shutdown()
        }
        var statuses: Set<String> = []
        while !statuses.isSuperset(of: ["sent", "delivered"]), let batch = try await consumer.nextBatch() {
            for record in batch {
                #expect(record.key == Array("100000000000001".utf8))
                let body = try JSONDecoder().decode(WebhookRecord.self, from: Data(record.value)).body
                let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
                for entry in object?["entry"] as? [[String: Any]] ?? [] {
                    for change in entry["changes"] as? [[String: Any]] ?? [] {
                        for status in (change["value"] as? [String: Any])?["statuses"] as? [[String: Any]] ?? []
                        where status["biz_opaque_callback_data"] as? String == "job-dev-1" {
                            statuses.insert(status["status"] as? String ?? "?")
                        }
                    }
                }
            }
        }
        deadline.cancel()
        try await consumer.shutdown()
        #expect(statuses.isSuperset(of: ["sent", "delivered"]))
        dev.signal(SIGTERM)
        #expect(try await dev.waitForExit() == 0)
    }
}
