import Foundation
import WasendCloudAPI

/// The success body of a send, `CloudAPISendResponse` encoded once with placeholders and then
/// filled in per send: the JSON encoder was a tenth of the simulator's CPU per send, and the
/// simulator must never be the bottleneck of a load test.
struct SendResponseTemplate: Sendable {
    private static let placeholders = ["@@input@@", "@@wa_id@@", "@@id@@"]

    /// The encoded body cut at the placeholders: literal parts, with the field that goes after each
    /// (0 input, 1 wa_id, 2 id), in the encoder's key order.
    private let parts: [[UInt8]]
    private let fields: [Int]

    init() {
        let sample = CloudAPISendResponse(
            contacts: [.init(input: Self.placeholders[0], waID: Self.placeholders[1])],
            messages: [.init(id: Self.placeholders[2], messageStatus: "accepted")])
        // Encoding a value built from string literals cannot fail, and it holds each placeholder once.
        let encoded = Array(try! JSONEncoder().encode(sample))
        let cuts = Self.placeholders.enumerated()
            .map { field, placeholder in (field: field, range: encoded.firstRange(of: Array(placeholder.utf8))!) }
            .sorted { $0.range.lowerBound < $1.range.lowerBound }
        var parts: [[UInt8]] = []
        var start = encoded.startIndex
        for cut in cuts {
            parts.append(Array(encoded[start..<cut.range.lowerBound]))
            start = cut.range.upperBound
        }
        parts.append(Array(encoded[start...]))
        self.parts = parts
        self.fields = cuts.map(\.field)
    }

    /// The body for `input` (the `to` as sent), its digits and the new wamid.
    func body(input: String, waID: String, messageID: String) -> [UInt8] {
        let values = [input, waID, messageID]
        var body: [UInt8] = []
        body.reserveCapacity(parts.reduce(0) { $0 + $1.count } + values.reduce(0) { $0 + $1.utf8.count } + 8)
        for (index, field) in fields.enumerated() {
            body += parts[index]
            Self.appendEscaped(values[field], to: &body)
        }
        body += parts[fields.count]
        return body
    }

    /// JSON string escaping: quotes, backslashes and control characters.
    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscaped(_ text: String, to body: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                body += [UInt8(ascii: "\\"), byte]
            case 0..<0x20:
                body += Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
            default:
                body.append(byte)
            }
        }
    }
}
