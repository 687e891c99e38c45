/// Makes a fresh wamid for every accepted send, shaped like Meta's: base64 of a small binary record
/// holding the recipient and an 18-hex-digit id (`wamid.HBgLMTM0Mzc3NzI5MTAVAgARGBI2REE3…`).
///
/// The id is a per-run random prefix and a counter, so wamids are unique within a run and do not
/// repeat across runs.
struct MessageIDGenerator: Sendable {
    private let prefix: UInt64
    private var counter: UInt64 = 0

    init(prefix: UInt64) {
        // 24 bits of prefix and 48 bits of counter fill the 18 hex digits.
        self.prefix = prefix & 0xFF_FFFF
    }

    mutating func next(recipient: String) -> String {
        counter &+= 1
        var record: [UInt8] = []
        let digits = recipient.utf8.prefix(64)
        record.reserveCapacity(digits.count + 30)
        record.append(contentsOf: [0x1C, 0x18, UInt8(digits.count)])
        record.append(contentsOf: digits)
        record.append(contentsOf: [0x15, 0x02, 0x00, 0x11, 0x18, 0x12])
        Self.appendHex(prefix, digits: 6, to: &record)
        Self.appendHex(counter & 0xFFFF_FFFF_FFFF, digits: 12, to: &record)
        record.append(0x00)
        return "wamid." + Base64.encode(record)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func appendHex(_ value: UInt64, digits: Int, to bytes: inout [UInt8]) {
        for position in stride(from: digits - 1, through: 0, by: -1) {
            bytes.append(hexDigits[Int((value >> (UInt64(position) * 4)) & 0xF)])
        }
    }
}
