import Foundation
import Testing
import WasendCore
import WasendRedis

/// `GET /v1/campaigns/{id}` shows the aggregator's counters, and `GET /v1/campaigns/{id}/events`
/// streams them as server-sent events until the campaign ends.
@Suite struct CampaignProgressEventsTests {
    @Test func deliveryCountersShowAndTheStreamEndsWithTheCampaign() async throws {
        try await APITestEnvironment.run { environment, client in
            let id = try await client.createCampaign()
            let key = CampaignKeys.counters(id)
            let fields: [(CampaignCounterField, Int)] = [
                (.sent, 9), (.delivered, 8), (.read, 5), (.expired, 1), (.deliveryFailed(code: "131026"), 2),
            ]
            for (field, value) in fields {
                try await environment.redis.send("HINCRBY", key, field.name, value)
            }
            let counters = try #require(try await client.request(.get, "/v1/campaigns/\(id)").json["counters"] as? [String: Any])
            #expect(counters["delivered"] as? Int == 8)
            #expect(counters["expired"] as? Int == 1)
            #expect((counters["delivery_failed"] as? [String: Int]) == ["131026": 2])

            #expect(try await client.request(.post, "/v1/campaigns/\(id)/cancel").status == .ok)
            // A cancelled campaign is final: one event, then the stream ends.
            let stream = try await client.request(.get, "/v1/campaigns/\(id)/events")
            #expect(stream.status == .ok)
            #expect(stream.headers[.contentType] == "text/event-stream")
            let text = String(buffer: stream.body)
            #expect(text.hasPrefix("event: progress\ndata: {"))
            #expect(text.hasSuffix("\n\n"))
            let data = try #require(text.split(separator: "\n").first { $0.hasPrefix("data: ") }?.dropFirst(6))
            let shown = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
            #expect(shown["state"] as? String == "cancelled")
            #expect((shown["counters"] as? [String: Any])?["read"] as? Int == 5)

            #expect(try await client.request(.get, "/v1/campaigns/cmp_nope/events").status == .notFound)
        }
    }
}
