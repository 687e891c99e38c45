import Foundation
import Testing
import WasendCore

/// The hand-written JSON of the per-message records must stay what Foundation reads: generated
/// values (escapes, control characters, non-ASCII, empty and absent fields, extreme numbers) are
/// written and decoded back with `JSONDecoder`.
@Suite("JSON writer")
struct JSONWriterTests {
    /// A deterministic generator (SplitMix64), so a failing value can be found again.
    struct Generator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Characters that need escaping, that look like they might, and that are not ASCII.
    static let alphabet: [String] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{01}", "\u{1F}",
        "\u{7F}", "é", "€", "ß", "\u{2028}", "\u{2029}", "😀", "👩‍👩‍👧", "\u{FEFF}", "{", "}", "[", "]", ",", ":",
        "{{", "e\u{301}", "中", "\u{10FFFF}",
    ]

    static func string(_ random: inout Generator, maxLength: Int = 12) -> String {
        let length = Int.random(in: 0...maxLength, using: &random)
        return (0..<length).map { _ in alphabet.randomElement(using: &random)! }.joined()
    }

    static func media(_ random: inout Generator) -> MediaReference {
        Bool.random(using: &random) ? .id(string(&random)) : .link("https://cdn.example/" + string(&random))
    }

    static func parameter(_ random: inout Generator) -> TemplateParameter {
        switch Int.random(in: 0..<7, using: &random) {
        case 0: .text(string(&random))
        case 1:
            .currency(
                fallback: string(&random), code: string(&random, maxLength: 3),
                amount1000: [Int64.min, -1, 0, 1, 1_500, Int64.max].randomElement(using: &random)!)
        case 2: .dateTime(fallback: string(&random))
        case 3: .image(media(&random))
        case 4: .document(media(&random))
        case 5: .video(media(&random))
        default: .payload(string(&random))
        }
    }

    static func component(_ random: inout Generator) -> TemplateComponent {
        let parameters = (0..<Int.random(in: 0...4, using: &random)).map { _ in parameter(&random) }
        switch Int.random(in: 0..<3, using: &random) {
        case 0: return .header(parameters)
        case 1: return .body(parameters)
        default:
            return .button(
                Bool.random(using: &random) ? .quickReply : .url, index: Int.random(in: 0...9, using: &random),
                parameters)
        }
    }

    static func message(_ random: inout Generator) -> MessageContent {
        if Int.random(in: 0..<4, using: &random) == 0 {
            return .text(TextMessage(body: string(&random, maxLength: 40), previewURL: Bool.random(using: &random)))
        }
        return .template(
            TemplateMessage(
                name: string(&random), languageCode: string(&random, maxLength: 5),
                components: (0..<Int.random(in: 0...4, using: &random)).map { _ in component(&random) }))
    }

    static func job(_ random: inout Generator) throws -> SendJob {
        let recipient = try PhoneNumber(e164Digits: "49151" + String(Int.random(in: 1_000_000...9_999_999, using: &random)))
        return SendJob(
            jobID: JobID(campaignID: string(&random), recipient: recipient), campaignID: string(&random),
            phoneNumberID: string(&random), portfolioID: string(&random), recipient: recipient,
            category: MessageCategory.allCases.randomElement(using: &random)!, message: message(&random),
            attempt: Int.random(in: 1...Int.max, using: &random),
            notBefore: Bool.random(using: &random)
                ? Timestamp(millisecondsSinceEpoch: Int64.random(in: Int64.min...Int64.max, using: &random)) : nil,
            priority: Int.random(in: Int.min...Int.max, using: &random))
    }

    static func result(_ random: inout Generator) -> SendResult {
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            .accepted(
                wamid: "wamid." + string(&random),
                messageStatus: [.accepted, .heldForQualityAssessment, .paused].randomElement(using: &random)!)
        case 1:
            .failed(
                code: Int.random(in: -1...200_000, using: &random),
                errorClass: ErrorClass.allCases.randomElement(using: &random)!,
                details: Bool.random(using: &random) ? string(&random, maxLength: 30) : nil)
        case 2: .skipped(SendResult.SkipReason.allCases.randomElement(using: &random)!)
        default:
            .deferred(
                limit: SendLimit.allCases.randomElement(using: &random)!,
                notBefore: Timestamp(millisecondsSinceEpoch: Int64.random(in: 0...Int64.max, using: &random)))
        }
    }

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
        var random = Generator(state: 1)
        for _ in 0..<2_000 {
            let job = try Self.job(&random)
            let bytes = job.jsonBytes()
            let decoded = try JSONDecoder().decode(SendJob.self, from: Data(bytes))
            #expect(decoded == job, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test("A rendered message writes what its Encodable form (shared with campaign specs) encodes")
    func messageMatchesEncodable() throws {
        var random = Generator(state: 2)
        for _ in 0..<2_000 {
            let message = Self.message(&random)
            #expect(try Self.tree(message.jsonBytes()) == Self.tree(JSONEncoder().encode(message)))
            #expect(try JSONDecoder().decode(MessageContent.self, from: Data(message.jsonBytes())) == message)
        }
    }

    @Test("Generated send outcomes decode back to themselves with JSONDecoder")
    func outcomesRoundTrip() throws {
        var random = Generator(state: 3)
        for _ in 0..<2_000 {
            let outcome = SendOutcome(
                jobID: JobID(rawValue: Self.string(&random)), campaignID: Self.string(&random),
                phoneNumberID: Self.string(&random), attempt: Int.random(in: 1...1_000, using: &random),
                finishedAt: Timestamp(millisecondsSinceEpoch: Int64.random(in: Int64.min...Int64.max, using: &random)),
                result: Self.result(&random))
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
