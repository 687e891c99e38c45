#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension WebhookRecord {
    /// The receive time and the raw body bytes of a record's JSON value.
    ///
    /// The aggregator reads every webhook through this: a value in the exact form
    /// ``encodedValue(rawBody:receivedAt:)`` writes is read straight from its bytes (runs of
    /// plain bytes copied in bulk, only its own escapes undone), without building a `String` of
    /// a body that reaches megabytes; any other JSON form goes through `JSONDecoder`.
    public static func rawBody(ofEncodedValue value: [UInt8]) throws -> (receivedAt: Timestamp, body: [UInt8]) {
        if let read = readEncodedForm(value) { return read }
        let record = try JSONDecoder().decode(WebhookRecord.self, from: Data(value))
        return (record.receivedAt, Array(record.body.utf8))
    }

    private static let receivedAtKey = Array(#"{"received_at":"#.utf8)
    private static let bodyKey = Array(#","body":""#.utf8)

    /// `nil` unless `value` is `{"received_at":<ms>,"body":"<escaped body>"}` exactly.
    private static func readEncodedForm(_ value: [UInt8]) -> (receivedAt: Timestamp, body: [UInt8])? {
        value.withUnsafeBufferPointer { bytes -> (Timestamp, [UInt8])? in
            guard bytes.starts(with: receivedAtKey) else { return nil }
            var index = receivedAtKey.count
            let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            var milliseconds: Int64 = 0
            let digitsStart = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                let (times10, overflow) = milliseconds.multipliedReportingOverflow(by: 10)
                guard !overflow, index - digitsStart < 19 else { return nil }
                milliseconds = times10 + Int64(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            guard index > digitsStart, bytes[index...].starts(with: bodyKey) else { return nil }
            index += bodyKey.count
            // The closing `"}` ends the value.
            guard bytes.count >= index + 2, bytes[bytes.count - 2] == UInt8(ascii: "\""),
                bytes[bytes.count - 1] == UInt8(ascii: "}")
            else { return nil }
            let end = bytes.count - 2
            var body: [UInt8] = []
            body.reserveCapacity(end - index)
            var runStart = index
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") || byte < 0x20 { return nil }
                guard byte == UInt8(ascii: "\\") else {
                    index += 1
                    continue
                }
                body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                guard index + 1 < end, let (unescaped, length) = unescape(bytes, at: index + 1, before: end) else { return nil }
                body.append(unescaped)
                index += 1 + length
                runStart = index
            }
            body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
            return (Timestamp(millisecondsSinceEpoch: negative ? -milliseconds : milliseconds), body)
        }
    }

    /// The byte an escape written by ``encodedValue(rawBody:receivedAt:)`` stands for, and the
    /// escape's length after the backslash; `nil` for any other escape.
    private static func unescape(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, before end: Int
    ) -> (byte: UInt8, length: Int)? {
        switch bytes[index] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return (bytes[index], 1)
        case UInt8(ascii: "n"): return (UInt8(ascii: "\n"), 1)
        case UInt8(ascii: "r"): return (UInt8(ascii: "\r"), 1)
        case UInt8(ascii: "t"): return (UInt8(ascii: "\t"), 1)
        case UInt8(ascii: "u"):
            // Only `\u00XX` for a control character; other code points go through JSONDecoder.
            guard index + 4 < end, bytes[index + 1] == UInt8(ascii: "0"), bytes[index + 2] == UInt8(ascii: "0"),
                let high = hexDigit(bytes[index + 3]), let low = hexDigit(bytes[index + 4]), high < 2
            else { return nil }
            return (high << 4 | low, 5)
        default:
            return nil
        }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
