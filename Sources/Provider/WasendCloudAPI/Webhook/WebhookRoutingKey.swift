#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Kafka key of a raw webhook body: the phone number it is about, else its WhatsApp Business
/// Account, so that one number's webhooks stay in order on one partition.
///
/// The receiver computes it for every POST before answering Meta, so it does not parse a body of
/// megabytes: it finds the first `"phone_number_id"` member (in `value.metadata`, near the start
/// of a messages webhook) by scanning the bytes. Only bodies without one (account, template and
/// quality updates, which are small) are decoded, for `entry[0].id`. A batch about several numbers
/// is keyed by the first; consumers must not rely on one number per record.
public enum WebhookRoutingKey {
    /// `nil` when the body names neither (it is not a webhook Meta sends).
    public static func key(ofRawBody body: [UInt8]) -> String? {
        phoneNumberID(in: body) ?? businessAccountID(in: body)
    }

    private static let phoneNumberIDMember = Array(#""phone_number_id""#.utf8)

    /// The string after the first `"phone_number_id"` member name. Inside another string the name's
    /// quotes would be escaped, so a match is a real member.
    static func phoneNumberID(in body: [UInt8]) -> String? {
        body.withUnsafeBufferPointer { bytes -> String? in
            let pattern = phoneNumberIDMember
            var start = 0
            while let found = firstIndex(of: pattern, in: bytes, from: start) {
                var index = found + pattern.count
                skipWhitespace(bytes, &index)
                if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                    index += 1
                    skipWhitespace(bytes, &index)
                    if let value = simpleString(bytes, at: index) { return value }
                }
                start = found + 1
            }
            return nil
        }
    }

    private struct Envelope: Decodable {
        struct Entry: Decodable { var id: String }
        var entry: [Entry]
    }

    static func businessAccountID(in body: [UInt8]) -> String? {
        (try? JSONDecoder().decode(Envelope.self, from: Data(body)))?.entry.first?.id
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = start
        while index <= bytes.count - pattern.count {
            if bytes[index] == first, pattern.indices.allSatisfy({ bytes[index + $0] == pattern[$0] }) {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func skipWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    /// A short string of ASCII letters, digits, `_` and `-` in quotes at `index` (an id); `nil` for anything else.
    private static func simpleString(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        var end = index + 1
        while end < bytes.count, end - index <= 64, bytes[end] != UInt8(ascii: "\"") {
            switch bytes[end] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "_"), UInt8(ascii: "-"):
                end += 1
            default:
                return nil
            }
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\""), end > index + 1 else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)
    }
}
