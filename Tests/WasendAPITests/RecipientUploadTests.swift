import WasendCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WasendKafka

@testable import WasendAPI

@Suite(.serialized) struct RecipientUploadTests {
    private func decode(_ messages: [KafkaConsumerMessage]) throws -> [RecipientStreamRecord] {
        try messages.map { try JSONDecoder().decode(RecipientStreamRecord.self, from: Data($0.value)) }.inUploadOrder
    }

    @Test func csvUploadIsBatchedInOrderAndCommitted() async throws {
        try await APITestEnvironment.run { environment, client in
            let id = try await client.createCampaign()
            var csv = "phone,opt_in,first_name\n"
            for index in 0..<2_500 { csv += "+1415555\(String(format: "%04d", index)),true,Name \(index)\n" }
            let response = try await client.request(
                .post, "/v1/campaigns/\(id)/recipients", headers: [.contentType: "text/csv; charset=utf-8"], body: csv)
            #expect(response.status == .accepted)
            #expect(response.json["recipients"] as? Int == 2_500)
            #expect(response.json["batches"] as? Int == 3)
            let records = try decode(try await environment.records(of: environment.api.configuration.recipientsTopic, expecting: 4))
            let batches = records.compactMap { record -> RecipientStreamRecord.RecipientBatch? in
                if case .batch(let batch) = record { return batch } else { return nil }
            }
            #expect(batches.map(\.sequence) == [0, 1, 2])
            #expect(batches.map(\.recipients.count) == [1_000, 1_000, 500])
            #expect(batches.flatMap(\.recipients).map(\.phone).first == "+14155550000")
            #expect(batches.flatMap(\.recipients).last?.variables == ["first_name": "Name 2499"])
            guard case .commit(let commit) = records.last else {
                Issue.record("the upload did not end with a commit")
                return
            }
            #expect(commit.batches == 3 && commit.recipients == 2_500 && commit.uploadID == batches[0].uploadID)
            #expect(try await client.request(.get, "/v1/campaigns/\(id)").json["recipients_received"] as? Int == 2_500)
        }
    }

    @Test func aBadRowRejectsTheWholeUploadAndVoidsItsBatches() async throws {
        try await APITestEnvironment.run(configuration: APIConfiguration(recipientBatchSize: 100)) { environment, client in
            let id = try await client.createCampaign()
            // Long enough to arrive in several chunks, so batches are produced before the bad row is read.
            var csv = "phone,opt_in,first_name\n"
            for index in 0..<5_000 { csv += "+1415555\(String(format: "%04d", index)),true,Name\n" }
            csv += "+14155550000,true\n"
            let response = try await client.request(.post, "/v1/campaigns/\(id)/recipients", headers: [.contentType: "text/csv"], body: csv)
            #expect(response.status == .badRequest)
            #expect(response.error?.code == "invalid_row")
            #expect(response.error?.field == "row 5002")
            #expect(response.error?.message == "row 5002: expected 3 columns, found 2")
            let topic = environment.api.configuration.recipientsTopic
            let produced = try await environment.recordCount(of: topic)
            let records = try decode(try await environment.records(of: topic, expecting: Int(produced)))
            guard case .abort(let abort) = records.last else {
                Issue.record("expected batches then an abort, got \(records.count) records")
                return
            }
            try expectSchemaValid(try await environment.records(of: topic, expecting: Int(produced)), "wasend.recipients.schema.json")
            #expect(records.count >= 2)
            #expect(abort.reason == "invalid_row")
            for record in records.dropLast() {
                guard case .batch(let batch) = record else {
                    Issue.record("only batches may precede the abort: \(record)")
                    continue
                }
                #expect(batch.uploadID == abort.uploadID)
            }
            #expect(try await client.request(.get, "/v1/campaigns/\(id)").json["recipients_received"] as? Int == 0)
        }
    }

    @Test func ndjsonErrorsNameTheRow() async throws {
        try await APITestEnvironment.run { environment, client in
            let id = try await client.createCampaign()
            let ndjson = "{\"phone\": \"+14155550100\", \"opt_in\": true}\n{\"phone\": \"+14155550101\", \"opt_in\": tru}\n"
            let response = try await client.request(
                .post, "/v1/campaigns/\(id)/recipients", headers: [.contentType: "application/x-ndjson"], body: ndjson)
            #expect(response.status == .badRequest)
            #expect(response.error?.field == "row 2")
            #expect(try await environment.recordCount(of: environment.api.configuration.recipientsTopic) == 0)
            let unsupported = try await client.request(
                .post, "/v1/campaigns/\(id)/recipients", headers: [.contentType: "application/xml"], body: "<x/>")
            #expect(unsupported.status == .unsupportedMediaType)
            #expect(unsupported.error?.field == "Content-Type")
        }
    }

    /// An upload a client got wrong, and what the answer must say about it.
    struct MalformedUpload: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var contentType: String
        var body: [UInt8]
        var row: Int
        var reason: String

        static let csvHeader = Array("phone,opt_in,first_name\n+14155550100,true,Ana\n".utf8)
        static let ndjsonFirstLine = Array(#"{"phone": "+14155550100", "opt_in": true}"#.utf8) + [UInt8(ascii: "\n")]
        static let tenMegabytes = [UInt8](repeating: UInt8(ascii: "x"), count: 10 << 20)

        static let all: [MalformedUpload] = [
            MalformedUpload(
                testDescription: "CSV, a Latin-1 name", contentType: "text/csv",
                body: csvHeader + Array("+14155550101,true,Jos".utf8) + [0xE9] + [UInt8(ascii: "\n")], row: 3,
                reason: "column 3 is not valid UTF-8"),
            MalformedUpload(
                testDescription: "NDJSON, a Latin-1 name", contentType: "application/x-ndjson",
                body: ndjsonFirstLine + Array(#"{"phone": "+14155550101", "opt_in": true, "variables": {"first_name": "Jos"#.utf8)
                    + [0xE9] + Array(#""}}"#.utf8),
                row: 2, reason: "is not valid UTF-8"),
            MalformedUpload(
                testDescription: "CSV, a column missing", contentType: "text/csv",
                body: csvHeader + Array("+14155550101,true\n".utf8), row: 3, reason: "expected 3 columns, found 2"),
            MalformedUpload(
                testDescription: "NDJSON, opt_in missing", contentType: "application/x-ndjson",
                body: ndjsonFirstLine + Array(#"{"phone": "+14155550101"}"#.utf8), row: 2, reason: "opt_in is required"),
            MalformedUpload(
                testDescription: "CSV, a 10 MB line", contentType: "text/csv",
                body: csvHeader + Array("+14155550101,true,".utf8) + tenMegabytes + [UInt8(ascii: "\n")], row: 3,
                reason: "longer than \(maximumRowBytes) bytes"),
            MalformedUpload(
                testDescription: "NDJSON, a 10 MB line", contentType: "application/x-ndjson",
                body: ndjsonFirstLine + Array(#"{"phone": "+14155550101", "opt_in": true, "variables": {"first_name": ""#.utf8)
                    + tenMegabytes + Array(#""}}"#.utf8),
                row: 2, reason: "longer than \(maximumRowBytes) bytes"),
        ]
    }

    @Test(arguments: MalformedUpload.all)
    func aMalformedUploadIsRefusedNamingItsRowAndChangesNothing(_ upload: MalformedUpload) async throws {
        try await APITestEnvironment.run { environment, client in
            let id = try await client.createCampaign()
            let response = try await client.request(
                .post, "/v1/campaigns/\(id)/recipients", headers: [.contentType: upload.contentType], bytes: upload.body)
            #expect(response.status == .badRequest)
            #expect(response.error?.code == "invalid_row")
            #expect(response.error?.field == "row \(upload.row)")
            #expect(response.error?.message == "row \(upload.row): \(upload.reason)")
            #expect(try await environment.recordCount(of: environment.api.configuration.recipientsTopic) == 0)
            #expect(try await client.request(.get, "/v1/campaigns/\(id)").json["recipients_received"] as? Int == 0)
        }
    }

    @Test func anOversizedUploadIs413AndChangesNothing() async throws {
        try await APITestEnvironment.run(configuration: APIConfiguration(maxUploadBytes: 10_000, recipientBatchSize: 10)) { environment, client in
            let id = try await client.createCampaign()
            let ndjson = String(repeating: "{\"phone\": \"+14155550100\", \"opt_in\": true}\n", count: 1_000)
            let response = try await client.request(
                .post, "/v1/campaigns/\(id)/recipients", headers: [.contentType: "application/x-ndjson"], body: ndjson)
            #expect(response.status == .contentTooLarge)
            #expect(response.error?.code == "body_too_large")
            #expect(try await client.request(.get, "/v1/campaigns/\(id)").json["recipients_received"] as? Int == 0)
            #expect(try await environment.recordCount(of: environment.api.configuration.recipientsTopic) == 0)
        }
    }

    @Test func idempotentRetriesReturnTheFirstAnswer() async throws {
        try await APITestEnvironment.run { environment, client in
            let key: HTTPFields = [IdempotencyGuard.header: "create-1"]
            let first = try await client.request(.post, "/v1/campaigns", headers: key, json: campaignJSON())
            let retry = try await client.request(.post, "/v1/campaigns", headers: key, json: campaignJSON(["name": #""Other""#]))
            #expect(first.status == .created && retry.status == .created)
            #expect(String(buffer: retry.body) == String(buffer: first.body))
            #expect(try await client.request(.get, "/v1/campaigns").json["total"] as? Int == 1)
            // Keys are per tenant: globex may use the same key for its own create.
            let globex = try await client.request(
                .post, "/v1/campaigns", key: APITestEnvironment.globexKey, headers: key, json: campaignJSON(["from": #""3001""#]))
            #expect(globex.status == .created && globex.json["id"] as? String != first.json["id"] as? String)

            // A rejected request stays rejected for its key, even if the retry is corrected.
            let failKey: HTTPFields = [IdempotencyGuard.header: "create-2"]
            let rejected = try await client.request(.post, "/v1/campaigns", headers: failKey, json: campaignJSON(["from": #""9999""#]))
            let corrected = try await client.request(.post, "/v1/campaigns", headers: failKey, json: campaignJSON())
            #expect(rejected.status == .unprocessableContent && corrected.status == .unprocessableContent)

            let id = try #require(first.json["id"] as? String)
            let uploadKey: HTTPFields = [IdempotencyGuard.header: "upload-1", .contentType: "text/csv"]
            let upload = try await client.request(.post, "/v1/campaigns/\(id)/recipients", headers: uploadKey, body: "phone,opt_in\n+1415,true\n+1416,true\n")
            let uploadRetry = try await client.request(.post, "/v1/campaigns/\(id)/recipients", headers: uploadKey, body: "phone,opt_in\n+1415,true\n+1416,true\n")
            #expect(upload.status == .accepted && String(buffer: uploadRetry.body) == String(buffer: upload.body))
            #expect(try await client.request(.get, "/v1/campaigns/\(id)").json["recipients_received"] as? Int == 2)

            let reused = try await client.request(.post, "/v1/campaigns/\(id)/recipients", headers: [IdempotencyGuard.header: "create-1", .contentType: "text/csv"], body: "phone,opt_in\n")
            #expect(reused.status == .unprocessableContent && reused.error?.code == "idempotency_key_reused")
            let invalid = try await client.request(.post, "/v1/campaigns", headers: [IdempotencyGuard.header: "has space"], json: campaignJSON())
            #expect(invalid.status == .badRequest && invalid.error?.field == "Idempotency-Key")
            #expect(try await environment.recordCount(of: environment.api.configuration.recipientsTopic) == 2)
        }
    }
}

extension [RecipientStreamRecord] {
    /// Batches by sequence, then the markers: the order the API wrote them in, which the topic's
    /// partitions (batches are spread over them) do not keep.
    var inUploadOrder: [RecipientStreamRecord] {
        let batches = compactMap { record -> RecipientStreamRecord.RecipientBatch? in
            if case .batch(let batch) = record { return batch } else { return nil }
        }
        let markers = filter { if case .batch = $0 { false } else { true } }
        return batches.sorted { $0.sequence < $1.sequence }.map(RecipientStreamRecord.batch) + markers
    }
}
