import Foundation
import Testing
import WasendHTTP
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
}
