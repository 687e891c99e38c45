/// The value of a `wasend.webhooks` record: one webhook delivery whose signature the API verified,
/// with its body exactly as Meta sent it, so that a newer aggregator can parse it again.
///
/// JSON `{"received_at": <milliseconds>, "body": "<the raw body as a JSON string>"}`, as
/// `schemas/wasend.webhooks.schema.json` says. A JSON string holds any UTF-8 text exactly, so
/// `Array(record.body.utf8)` gives back the bytes whose signature was checked.
public struct WebhookRecord: Sendable, Hashable, Codable {
    /// When the API had read the whole body.
    public var receivedAt: Timestamp
    public var body: String

    public init(receivedAt: Timestamp, body: String) {
        self.receivedAt = receivedAt
        self.body = body
    }

    private enum CodingKeys: String, CodingKey {
        case receivedAt = "received_at"
        case body
    }
}

extension WebhookRecord {
    /// The record's JSON for a raw body, written straight from its bytes; `nil` when the body is not
    /// UTF-8 (no JSON string could hold it).
    ///
    /// It is what a `JSONEncoder` would write, without building a `String` first: the API runs this
    /// for every webhook, and bodies reach megabytes, so runs of plain bytes are copied in bulk and
    /// only quotes, backslashes and control characters are escaped.
    public static func encodedValue(rawBody: [UInt8], receivedAt: Timestamp) -> [UInt8]? {
        guard String(validating: rawBody, as: UTF8.self) != nil else { return nil }
        let head = Array(#"{"received_at":\#(receivedAt.millisecondsSinceEpoch),"body":""#.utf8)
        var value = [UInt8]()
        value.reserveCapacity(head.count + rawBody.count + rawBody.count / 8 + 2)
        value += head
        rawBody.withUnsafeBufferPointer { bytes in
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscaped(byte, to: &value)
                runStart = index + 1
            }
            value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        value += Array(#""}"#.utf8)
        return value
    }

    private static func appendEscaped(_ byte: UInt8, to value: inout [UInt8]) {
        value.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): value.append(byte)
        case UInt8(ascii: "\n"): value.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): value.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): value.append(UInt8(ascii: "t"))
        default:
            let digit = { (nibble: UInt8) in nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10 }
            value.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), digit(byte >> 4), digit(byte & 0x0F)])
        }
    }
}
