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
        var hasher = SHA256()
        for part in ["wasend-job-v1", campaignID, recipient.digits] {
            let bytes = Array(part.utf8)
            let count = UInt64(bytes.count)
            hasher.update((0..<8).reversed().map { UInt8(truncatingIfNeeded: count >> (UInt64($0) * 8)) })
            hasher.update(bytes)
        }
        let digest = hasher.finalize().prefix(16)
        self.rawValue = "j" + digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
