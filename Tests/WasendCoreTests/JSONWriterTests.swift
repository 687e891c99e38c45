import Foundation
import Testing
import WasendCore

/// The hand-written JSON of the per-message records must stay what Foundation reads: generated
/// values (escapes, control characters, non-ASCII, empty and absent fields, extreme numbers) are
/// written and decoded back with `JSONDecoder`.
@Suite("JSON writer")
struct JSONWriterTests {
    /// Any JSON value as Foundation's decoder reads it, for comparing two writers' output whatever
    /// their key order and escaping.
    enum Tree: Decodable, Equatable {
        case object([String: Tree])
        case array([Tree])
        case string(String)
        case integer(Int64)
        case boolean(Bool)
        case null

        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let boolean = try? single.decode(Bool.self) {
                self = .boolean(boolean)
            } else if let integer = try? single.decode(Int64.self) {
                self = .integer(integer)
            } else if let string = try? single.decode(String.self) {
                self = .string(string)
            } else if let array = try? single.decode([Tree].self) {
                self = .array(array)
            } else {
                self = .object(try single.decode([String: Tree].self))
            }
        }
    }

    static func tree(_ bytes: some Sequence<UInt8>) throws -> Tree {
        try JSONDecoder().decode(Tree.self, from: Data(bytes))
    }

    @Test("Generated jobs decode back to themselves with JSONDecoder")
    func jobsRoundTrip() throws {
        var random = RecordGenerator(seed: 1)
        for _ in 0..<2_000 {
            let job = try random.job()
            let bytes = job.jsonBytes()
            let decoded = try JSONDecoder().decode(SendJob.self, from: Data(bytes))
            #expect(decoded == job, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test("A rendered message writes what its Encodable form (shared with campaign specs) encodes")
    func messageMatchesEncodable() throws {
        var random = RecordGenerator(seed: 2)
        for _ in 0..<2_000 {
            let message = random.message()
            #expect(try Self.tree(message.jsonBytes()) == Self.tree(JSONEncoder().encode(message)))
            #expect(try JSONDecoder().decode(MessageContent.self, from: Data(message.jsonBytes())) == message)
        }
    }

    @Test("Generated send outcomes decode back to themselves with JSONDecoder")
    func outcomesRoundTrip() throws {
        var random = RecordGenerator(seed: 3)
        for _ in 0..<2_000 {
            let outcome = SendOutcome(
                jobID: JobID(rawValue: random.string()), campaignID: random.string(),
                phoneNumberID: random.string(), attempt: Int.random(in: 1...1_000, using: &random),
                finishedAt: Timestamp(millisecondsSinceEpoch: Int64.random(in: Int64.min...Int64.max, using: &random)),
                result: random.result())
            #expect(try JSONDecoder().decode(SendOutcome.self, from: Data(outcome.jsonBytes())) == outcome)
        }
    }

    @Test("Strings are escaped as RFC 8259 asks, and nothing more")
    func escaping() {
        func written(_ string: String) -> String {
            var writer = JSONWriter()
            writer.string(string)
            return String(decoding: writer.bytes, as: UTF8.self)
        }
        #expect(written("") == #""""#)
        #expect(written(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(written("\n\r\t\u{08}\u{0C}") == #""\n\r\t\b\f""#)
        #expect(written("\u{00}\u{01}\u{1F}") == #""\u0000\u0001\u001f""#)
        #expect(written("https://x/é€😀\u{7F}") == "\"https://x/é€😀\u{7F}\"")
    }

    @Test("Integers at their limits, and the commas between members and elements")
    func structure() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("min", Int64.min)
        writer.member("max", Int64.max)
        writer.member("zero", 0)
        writer.key("list")
        writer.beginArray()
        writer.integer(-7)
        writer.beginObject()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.boolean(true)
        writer.string("s")
        writer.endArray()
        writer.member("absent", ifPresent: String?.none)
        writer.member("flag", false)
        writer.endObject()
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == #"{"min":-9223372036854775808,"max":9223372036854775807,"zero":0,"list":[-7,{},[],true,"s"],"flag":false}"#
        )
        writer.reset()
        writer.integer(42)
        #expect(writer.bytes == Array("42".utf8))
    }
}
