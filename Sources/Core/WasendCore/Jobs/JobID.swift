import Crypto

/// The identity of one message of one campaign to one recipient.
///
/// It is derived, never drawn: the same campaign and recipient always give the same id, on any
/// process, so a replayed expansion of a campaign produces the same jobs and the send ledger
/// recognises them. It travels in `biz_opaque_callback_data` (at most 512 characters) and comes
/// back in every status webhook.
public struct JobID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts an id read back from a record or a webhook as it is.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `j` followed by the first 128 bits of SHA-256 over `wasend-job-v1`, the campaign id and the
    /// recipient's digits (each part preceded by its UTF-8 length in 8 bytes, big-endian, so no two
    /// different pairs are encoded alike), as 32 lowercase hex digits: 33 characters whatever the
    /// campaign id's length, and no phone number in clear text in logs or Meta's payloads.
    public init(campaignID: String, recipient: PhoneNumber) {
        var input: [UInt8] = []
        input.reserveCapacity(3 * 8 + 13 + campaignID.utf8.count + recipient.digits.utf8.count)
        for part in ["wasend-job-v1", campaignID, recipient.digits] {
            withUnsafeBytes(of: UInt64(part.utf8.count).bigEndian) { input.append(contentsOf: $0) }
            input.append(contentsOf: part.utf8)
        }
        let digest = SHA256.hash(data: input)
        self.rawValue = digest.withUnsafeBytes { digest in
            String(unsafeUninitializedCapacity: 33) { characters in
                let hex = Self.hexDigits
                characters[0] = UInt8(ascii: "j")
                for index in 0..<16 {
                    characters[1 + index * 2] = hex[Int(digest[index] >> 4)]
                    characters[2 + index * 2] = hex[Int(digest[index] & 0x0F)]
                }
                return 33
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
