import Foundation
import Testing
import WasendCore

/// The sender reads jobs with ``JSONReader``: it must read what `JSONDecoder` reads, the same way,
/// and refuse what is malformed with an error, never a crash.
@Suite("JSON reader")
struct JSONReaderTests {
    @Test("Generated jobs read back to themselves, as JSONDecoder reads them")
    func generatedJobs() throws {
        var random = RecordGenerator(seed: 11)
        for _ in 0..<2_000 {
            let job = try random.job()
            let written = job.jsonBytes()
            #expect(try SendJob(json: written) == job)
            // JSONEncoder's escaping (it escapes "/", sorts keys here) reads the same.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            let message = Array(try encoder.encode(job.message))
            #expect(try MessageContent(json: message) == job.message)
        }
    }

    @Test("Generated recipient records read back the same with JSONReader and JSONDecoder")
    func generatedRecipientRecords() throws {
        var random = RecordGenerator(seed: 13)
        for _ in 0..<500 {
            let recipients = (0..<Int.random(in: 0...20, using: &random)).map { _ in
                Recipient(
                    phone: random.string(),
                    variables: Dictionary(
                        (0..<Int.random(in: 0...3, using: &random)).map { _ in (random.string(), random.string()) }
                    ) { first, _ in first },
                    optedIn: Bool.random(using: &random))
            }
            let records: [RecipientStreamRecord] = [
                .batch(.init(campaignID: random.string(), uploadID: random.string(), sequence: 7, recipients: recipients)),
                .commit(.init(campaignID: random.string(), uploadID: random.string(), batches: 3, recipients: 2_999)),
                .abort(.init(campaignID: random.string(), uploadID: random.string(), reason: random.string())),
            ]
            for record in records {
                let bytes = record.jsonBytes()
                #expect(try RecipientStreamRecord(json: bytes) == record)
                #expect(try JSONDecoder().decode(RecipientStreamRecord.self, from: Data(bytes)) == record)
            }
        }
        let terse = #"{"recipients":[{"opted_in":true,"phone":"+1 555"},{"phone":"2","variables":null,"opted_in":false}],"sequence":0,"upload_id":"u","campaign_id":"c","type":"batch"}"#
        #expect(
            try RecipientStreamRecord(json: Array(terse.utf8))
                == .batch(
                    .init(
                        campaignID: "c", uploadID: "u", sequence: 0,
                        recipients: [Recipient(phone: "+1 555", optedIn: true), Recipient(phone: "2", optedIn: false)])))
    }

    @Test("Members in any order, unknown ones skipped, null for absent, whitespace anywhere")
    func tolerance() throws {
        let json = #"""
             { "priority" : 0, "unknown": {"a": [1, 2.5e3, -0.1, true, null, "x\"y"]}, "message": {"text":
             {"preview_url": false, "body": "Hi \u00e9\ud83d\ude00\n\/"}, "type": "text"}, "attempt": 3,
             "recipient": "4915123456789", "category": "UTILITY", "not_before": null, "portfolio_id": "p",
             "phone_number_id": "n", "campaign_id": "c", "job_id": "j1" }
            """#
        let job = try SendJob(json: Array(json.utf8))
        #expect(job == (try JSONDecoder().decode(SendJob.self, from: Data(json.utf8))))
        #expect(job.message == .text(TextMessage(body: "Hi é😀\n/", previewURL: false)))
        #expect(job.notBefore == nil && job.attempt == 3)
    }

    @Test("Malformed or wrong records are errors that say where")
    func errors() throws {
        var random = RecordGenerator(seed: 12)
        let valid = try random.job().jsonBytes()
        // Every truncation of a valid job fails cleanly.
        for length in 0..<valid.count {
            #expect(throws: JSONReadError.self) { try SendJob(json: Array(valid[..<length])) }
        }
        let cases: [(String, String)] = [
            (#"{"job_id":1}"#, "expected a string"),
            (#"{"attempt":1.5}"#, "not a fraction"),
            (#"{"attempt":99999999999999999999}"#, "within 64 bits"),
            (#"{"attempt":01}"#, "leading zeros"),
            (#"{"recipient":"0151"}"#, "E.164"),
            (#"{"category":"PROMO"}"#, "unknown category"),
            (#"{"job_id":"a\qb"}"#, "valid escape"),
            (#"{"job_id":"\ud800x"}"#, "low surrogate"),
            ("{\"job_id\":\"a\u{01}\"}", "control character"),
            (#"{"message":{"type":"image"}}"#, "unknown message type"),
            (#"{}"#, "missing member"),
            (String(repeating: "[", count: 100), "expected an object"),
            (#"{"x":"# + String(repeating: "[", count: 100), "levels of nesting"),
        ]
        for (json, message) in cases {
            let error = #expect(throws: JSONReadError.self) { try SendJob(json: Array(json.utf8)) }
            #expect(error?.description.contains(message) == true, "\(json): \(String(describing: error))")
        }
        let trailing = #expect(throws: JSONReadError.self) { try SendJob(json: valid + Array(" x".utf8)) }
        #expect(trailing?.description.contains("end of the record") == true)
        #expect(throws: JSONReadError.self) { try SendJob(json: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) }
    }

    /// Strings without escapes take one of two paths: all ASCII as they are, anything else validated.
    @Test func stringsWithoutEscapesAreReadAsTheyAreOrValidated() throws {
        var ascii = JSONReader(Array(#""plain ascii""#.utf8))
        #expect(try ascii.readString() == "plain ascii")
        var unicode = JSONReader(Array(#""Grüße 😀""#.utf8))
        #expect(try unicode.readString() == "Grüße 😀")
        // A lone continuation byte, and a truncated two-byte sequence, are not UTF-8.
        for invalid: [UInt8] in [[0x22, 0x61, 0x80, 0x22], [0x22, 0x61, 0xC3, 0x22]] {
            var reader = JSONReader(invalid)
            #expect(throws: JSONReadError.self) { try reader.readString() }
        }
    }
}
