import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WasendKafka
import WasendCampaigns
import WasendCore
import WasendLimits
import WasendRedis
import WasendTestSupport

@testable import WasendAPI

@Suite(.serialized) struct CampaignAPITests {
    @Test func authenticationIsRequiredOnV1Only() async throws {
        try await APITestEnvironment.run { _, client in
            let missing = try await client.request(.get, "/v1/campaigns", key: nil)
            #expect(missing.status == .unauthorized)
            #expect(missing.error?.code == "unauthorized")
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
            let wrong = try await client.request(.get, "/v1/numbers", key: "not-a-key")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.error?.code == "unauthorized")
            var basic = HTTPFields()
            basic[.authorization] = "Basic \(APITestEnvironment.acmeKey)"
            #expect(try await client.request(.get, "/v1/numbers", key: nil, headers: basic).status == .unauthorized)
            #expect(try await client.request(.get, "/healthz", key: nil).status == .ok)
            let unknown = try await client.request(.get, "/v1/nothing")
            #expect(unknown.status == .notFound)
            #expect(unknown.error?.code == "not_found")
        }
    }

    @Test func createStoresTheCampaignAndPublishesItWithInlineRecipients() async throws {
        try await APITestEnvironment.run { environment, client in
            let recipients = #"[{"phone": "+14155550100", "opt_in": true, "variables": {"first_name": "Ada"}}, {"phone": "+14155550101", "opt_in": false}]"#
            let created = try await client.request(.post, "/v1/campaigns", json: campaignJSON(recipients: recipients))
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? String)
            #expect(created.json["state"] as? String == "draft")
            #expect(created.json["recipients_received"] as? Int == 2)

            let shown = try await client.request(.get, "/v1/campaigns/\(id)")
            #expect(shown.status == .ok)
            #expect(shown.json["name"] as? String == "Spring sale")
            #expect(shown.json["from"] as? String == "1001")
            #expect(shown.json["recipients_received"] as? Int == 2)
            #expect((shown.json["counters"] as? [String: Any])?["planned"] as? Int == 0)

            let campaigns = try await environment.records(of: environment.api.configuration.campaignsTopic, expecting: 1)
            #expect(campaigns.count == 1)
            #expect(campaigns.first?.key == Array(id.utf8))
            let record = try JSONDecoder().decode(CampaignRecord.self, from: Data(try #require(campaigns.first).value))
            #expect(record.id == id && record.tenantID == "acme" && record.campaign.state == .draft && record.version == 1)

            let uploads = try await environment.records(of: environment.api.configuration.recipientsTopic, expecting: 2)
            let decoded = try uploads.map { try JSONDecoder().decode(RecipientStreamRecord.self, from: Data($0.value)) }.inUploadOrder
            guard case .batch(let batch) = decoded.first, case .commit(let commit) = decoded.last else {
                Issue.record("expected a batch then a commit, got \(decoded)")
                return
            }
            #expect(batch.recipients.map(\.phone) == ["+14155550100", "+14155550101"])
            #expect(batch.recipients.first?.variables == ["first_name": "Ada"])
            #expect(commit.uploadID == batch.uploadID && commit.batches == 1 && commit.recipients == 2)
            // Batches are keyed by campaign, upload and sequence (spread over the partitions), markers by campaign.
            #expect(Set(uploads.compactMap(\.key)) == [Array("\(id)/\(batch.uploadID)/0".utf8), Array(id.utf8)])
            try expectSchemaValid(campaigns, "wasend.campaigns.schema.json")
            try expectSchemaValid(uploads, "wasend.recipients.schema.json")
        }
    }

    @Test func badCreatesAnswerJSONErrorsNamingTheFieldAndWriteNothing() async throws {
        try await APITestEnvironment.run { environment, client in
            let cases: [(body: String, status: HTTPResponse.Status, code: String, field: String?)] = [
                ("{\"name\": ", .badRequest, "malformed_json", nil),
                ("[1, 2]", .badRequest, "invalid_field", nil),
                (campaignJSON(["name": "<absent>"]), .badRequest, "missing_field", "name"),
                (campaignJSON(["name": "42"]), .badRequest, "invalid_field", "name"),
                (campaignJSON(["name": #""  ""#]), .badRequest, "invalid_field", "name"),
                (campaignJSON(["category": #""SPAM""#]), .badRequest, "invalid_field", "category"),
                (campaignJSON(["from": "1001"]), .badRequest, "invalid_field", "from"),
                (campaignJSON(["from": #""9999""#]), .unprocessableContent, "unknown_sender_number", "from"),
                (campaignJSON(["from": #""3001""#]), .unprocessableContent, "unknown_sender_number", "from"),
                (campaignJSON(["template": #"{"name": "", "language_code": "en_US", "components": []}"#]), .badRequest, "invalid_field", "template.name"),
                (campaignJSON(["template": #"{"language_code": "en_US"}"#]), .badRequest, "missing_field", "template.name"),
                (campaignJSON(["template": #"{"name": "t", "language_code": "en_US", "components": [{"type": "body", "parameters": [{"type": "text", "text": "Hi {{name"}]}]}"#]),
                 .badRequest, "invalid_field", "template.components[0].parameters[0].text"),
                (campaignJSON(["template": "<absent>"]), .badRequest, "missing_field", "template"),
                (campaignJSON(["text": #""hello""#]), .badRequest, "invalid_field", "text"),
                (campaignJSON(["start_at": #""tomorrow""#]), .badRequest, "invalid_field", "start_at"),
                (campaignJSON(["limits": #"{"messages_per_second": 500}"#]), .unprocessableContent, "limit_out_of_range", "limits.messages_per_second"),
                (campaignJSON(recipients: #"[{"phone": "+1415", "opt_in": true}, {"phone": "+1416"}]"#), .badRequest, "missing_field", "recipients[1].opt_in"),
            ]
            for (body, status, code, field) in cases {
                let response = try await client.request(.post, "/v1/campaigns", json: body)
                #expect(response.status == status, "\(body)")
                #expect(response.error?.code == code, "\(body)")
                #expect(response.error?.field == field, "\(body)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            let list = try await client.request(.get, "/v1/campaigns")
            #expect(list.json["total"] as? Int == 0)
            #expect(try await environment.recordCount(of: environment.api.configuration.campaignsTopic) == 0)
            #expect(try await environment.recordCount(of: environment.api.configuration.recipientsTopic) == 0)
        }
    }

    @Test func textCampaignsAreAccepted() async throws {
        try await APITestEnvironment.run { _, client in
            let response = try await client.request(
                .post, "/v1/campaigns",
                json: campaignJSON(["template": "<absent>", "text": #""Hello {{first_name}}""#, "category": #""UTILITY""#, "start_at": #""2030-01-01T09:00:00Z""#]))
            #expect(response.status == .created)
            let message = try #require(response.json["message"] as? [String: Any])
            #expect(message["type"] as? String == "text")
            #expect((message["text"] as? [String: Any])?["body"] as? String == "Hello {{first_name}}")
            #expect(response.json["start_at"] as? String == "2030-01-01T09:00:00Z")
        }
    }

    @Test func oversizedJSONBodyIs413() async throws {
        try await APITestEnvironment.run(configuration: APIConfiguration(maxJSONBodyBytes: 1_024)) { environment, client in
            let recipients = "[" + Array(repeating: #"{"phone": "+14155550100", "opt_in": true}"#, count: 100).joined(separator: ",") + "]"
            let response = try await client.request(.post, "/v1/campaigns", json: campaignJSON(recipients: recipients))
            #expect(response.status == .contentTooLarge)
            #expect(response.error?.code == "body_too_large")
            for topic in [environment.api.configuration.campaignsTopic, environment.api.configuration.recipientsTopic] {
                #expect(try await environment.recordCount(of: topic) == 0)
            }
            #expect(try await client.request(.get, "/v1/campaigns").json["total"] as? Int == 0)
        }
    }

    @Test func anotherTenantsCampaignIsNotFound() async throws {
        try await APITestEnvironment.run { _, client in
            let id = try await client.createCampaign()
            for (method, path) in [(HTTPRequest.Method.get, "/v1/campaigns/\(id)"), (.post, "/v1/campaigns/\(id)/pause"), (.post, "/v1/campaigns/\(id)/cancel")] {
                let response = try await client.request(method, path, key: APITestEnvironment.globexKey)
                #expect(response.status == .notFound)
                #expect(response.error?.code == "campaign_not_found")
            }
            let upload = try await client.request(
                .post, "/v1/campaigns/\(id)/recipients", key: APITestEnvironment.globexKey,
                headers: [.contentType: "text/csv"], body: "phone,opt_in\n+1415,true\n")
            #expect(upload.status == .notFound)
            let globexList = try await client.request(.get, "/v1/campaigns", key: APITestEnvironment.globexKey)
            #expect(globexList.json["total"] as? Int == 0)
            #expect(try await client.request(.get, "/v1/campaigns/cmp_missing").status == .notFound)
        }
    }

    @Test func listPagesThroughTheTenantsCampaigns() async throws {
        try await APITestEnvironment.run { _, client in
            var ids: [String] = []
            for _ in 0..<3 { ids.append(try await client.createCampaign()) }
            _ = try await client.createCampaign(key: APITestEnvironment.globexKey, from: "3001")
            let first = try await client.request(.get, "/v1/campaigns?limit=2")
            #expect(first.status == .ok)
            #expect(first.json["total"] as? Int == 3)
            let firstIDs = (first.json["campaigns"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            let cursor = try #require(first.json["next_cursor"] as? String)
            let second = try await client.request(.get, "/v1/campaigns?limit=2&cursor=\(cursor)")
            let secondIDs = (second.json["campaigns"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(Set((firstIDs ?? []) + (secondIDs ?? [])) == Set(ids))
            #expect(second.json["next_cursor"] == nil)
            let bad = try await client.request(.get, "/v1/campaigns?limit=0")
            #expect(bad.status == .badRequest && bad.error?.field == "limit")
            let badCursor = try await client.request(.get, "/v1/campaigns?cursor=abc")
            #expect(badCursor.status == .badRequest && badCursor.error?.field == "cursor")
        }
    }

    @Test func lifecycleMovesThroughTheStateMachineIntoRedisAndKafka() async throws {
        try await APITestEnvironment.run { environment, client in
            let id = try await client.createCampaign()
            for (command, state) in [("start", "running"), ("pause", "paused"), ("resume", "running")] {
                let response = try await client.request(.post, "/v1/campaigns/\(id)/\(command)")
                #expect(response.status == .ok)
                #expect(response.json["state"] as? String == state)
            }
            let illegal = try await client.request(.post, "/v1/campaigns/\(id)/start")
            #expect(illegal.status == .conflict)
            #expect(illegal.error?.code == "illegal_transition")
            #expect(illegal.error?.message.hasPrefix("cannot schedule the campaign (running") == true)
            #expect(try await client.request(.post, "/v1/campaigns/\(id)/cancel").json["version"] as? Int == 5)
            #expect(try await client.request(.post, "/v1/campaigns/\(id)/resume").status == .conflict)
            let upload = try await client.request(
                .post, "/v1/campaigns/\(id)/recipients", headers: [.contentType: "text/csv"], body: "phone,opt_in\n+1415,true\n")
            #expect(upload.status == .conflict && upload.error?.code == "campaign_closed")

            let state = try await environment.redis.send("HGET", CampaignKeys.campaign(id), CampaignKeys.CampaignField.state)
            #expect(state.string == "cancelled")
            let records = try await environment.records(of: environment.api.configuration.campaignsTopic, expecting: 5)
            let states = try records.map { try JSONDecoder().decode(CampaignRecord.self, from: Data($0.value)) }
                .sorted { $0.version < $1.version }.map(\.campaign.state.status)
            #expect(states == [.draft, .running, .paused, .running, .cancelled])
        }
    }

    @Test func countersComeFromTheCountersHash() async throws {
        try await APITestEnvironment.run { environment, client in
            let id = try await client.createCampaign()
            let key = CampaignKeys.counters(id)
            // What the planner (1,012 rows: 1,010 jobs, 2 invalid) and the senders wrote.
            let fields: [(CampaignCounterField, Int)] = [
                (.planned, 1_010), (.accepted, 5), (.sent, 7), (.skipped(reason: "invalid_phone"), 2),
                (.failed(code: "131026"), 1), (.deferred(limit: "tier"), 3),
            ]
            for (field, value) in fields {
                try await environment.redis.send("HINCRBY", key, field.name, value)
            }
            try await environment.redis.send("HINCRBY", key, PlannerKeys.plannerSkippedField, 2)
            try await environment.redis.send(
                "HINCRBY", CampaignKeys.campaign(id), CampaignKeys.CampaignField.recipientsReceived, 1_012)
            // 300 accepted in the last minute's whole intervals (none in the current one, so an
            // interval that begins meanwhile changes nothing), and more long ago.
            let current = SendRate.intervalNumber(of: .current)
            for interval in (current - 5)..<current {
                try await environment.redis.send("HINCRBY", CampaignKeys.acceptedPerInterval(id), interval, 60)
            }
            try await environment.redis.send("HINCRBY", CampaignKeys.acceptedPerInterval(id), current - 8, 999)
            let draft = try await client.request(.get, "/v1/campaigns/\(id)").json
            let counters = try #require(draft["counters"] as? [String: Any])
            #expect(counters["planned"] as? Int == 1_010)
            #expect(counters["queued"] as? Int == 1_004, "planned less accepted, failed and the senders' skips")
            #expect(counters["accepted"] as? Int == 5)
            #expect(counters["sent"] as? Int == 7)
            #expect((counters["skipped"] as? [String: Int]) == ["invalid_phone": 2])
            #expect((counters["failed"] as? [String: Int]) == ["131026": 1])
            #expect((counters["deferred"] as? [String: Int]) == ["tier": 3])
            #expect(draft["send_rate"] as? Double == 5.0)
            #expect(draft["eta_seconds"] == nil, "a draft is not getting nearer its end")

            #expect(try await client.request(.post, "/v1/campaigns/\(id)/start").status == .ok)
            let running = try await client.request(.get, "/v1/campaigns/\(id)").json
            #expect(running["eta_seconds"] as? Int == 201, "1,004 left at 5/s")
        }
    }

    @Test func numbersShowLimitsUsageAndQualityButNeverTokens() async throws {
        try await APITestEnvironment.run { environment, client in
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            try await environment.redis.send("SET", CampaignKeys.numberQuality("1001"), "GREEN")
            try await environment.redis.send(
                "ZADD", SendingKeys.recipients24h(portfolioID: "2001"), now - 1000, "a", now - 2000, "b", now - 25 * 3_600_000, "old")
            let response = try await client.request(.get, "/v1/numbers")
            #expect(response.status == .ok)
            #expect(!String(buffer: response.body).contains("EAAG"))
            let numbers = try #require(response.json["numbers"] as? [[String: Any]])
            #expect(numbers.count == 2)
            #expect(numbers[0]["phone_number_id"] as? String == "1001")
            #expect(numbers[0]["throughput"] as? Int == 80)
            #expect(numbers[0]["tier"] as? String == "TIER_10K")
            #expect(numbers[0]["usage_24h"] as? Int == 2)
            #expect(numbers[0]["quality"] as? String == "GREEN")
            #expect(numbers[1]["quality"] as? String == "UNKNOWN")
            #expect(numbers[0]["access_token"] == nil)
        }
    }

    @Test func aStoppedNumberShowsWhyAndIsResumedByItsTenantOnly() async throws {
        try await APITestEnvironment.run { environment, client in
            let controls = NumberControls(redis: environment.redis)
            try await controls.stop(portfolioID: "2001", phoneNumberID: "1001", reason: "error_190")
            let stopped = try #require(try await client.request(.get, "/v1/numbers").json["numbers"] as? [[String: Any]])
            #expect(stopped[0]["stopped_reason"] as? String == "error_190")
            #expect(stopped[1]["stopped_reason"] == nil)

            #expect(try await client.request(.post, "/v1/numbers/9999/resume").status == .notFound)
            #expect(try await controls.state(portfolioID: "2001", phoneNumberID: "1001").stoppedReason == "error_190")
            let resumed = try await client.request(.post, "/v1/numbers/1001/resume")
            #expect(resumed.status == .ok)
            #expect(resumed.json["stopped_reason"] == nil)
            #expect(try await controls.state(portfolioID: "2001", phoneNumberID: "1001").stoppedReason == nil)
        }
    }

    @Test func readinessFollowsRedisAndMetricsAreExposed() async throws {
        try await APITestEnvironment.run { environment, client in
            let ready = try await client.request(.get, "/readyz", key: nil)
            #expect(ready.status == .ok)
            #expect((ready.json["checks"] as? [String: String])?["redis"] == "ok")
            let metrics = try await client.request(.get, "/metrics", key: nil)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)

            await environment.redisServer.stop()
            let notReady = try await client.request(.get, "/readyz", key: nil)
            #expect(notReady.status == .serviceUnavailable)
            #expect((notReady.json["checks"] as? [String: String])?["redis"] == "unavailable")
            let create = try await client.request(.post, "/v1/campaigns", json: campaignJSON())
            #expect(create.status == .serviceUnavailable)
            #expect(create.error?.code == "dependency_unavailable")
        }
    }
}

extension TestClientProtocol {
    func createCampaign(key: String = APITestEnvironment.acmeKey, from: String = "1001") async throws -> String {
        let response = try await request(.post, "/v1/campaigns", key: key, json: campaignJSON(["from": "\"\(from)\""]))
        guard response.status == .created, let id = response.json["id"] as? String else {
            throw APIError(response.status, code: "test", message: String(buffer: response.body))
        }
        return id
    }
}
