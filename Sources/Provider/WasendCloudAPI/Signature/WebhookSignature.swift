import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Signs and verifies webhook bodies the way Meta does: `X-Hub-Signature-256: sha256=<hex>`, the
/// HMAC-SHA256 of the raw body bytes keyed by the app secret.
///
/// Verification must run over the bytes as received, before any JSON parsing, and compares in
/// constant time so the signature cannot be guessed byte by byte. The receiver verifies; the
/// simulator signs.
public struct WebhookSignature: Sendable {
    /// The header Meta puts the signature in.
    public static let headerName = "X-Hub-Signature-256"

    private static let prefix = "sha256="
    private let key: SymmetricKey

    /// - Parameter appSecret: the Meta app secret. It is kept only as a key and never printed.
    public init(appSecret: String) {
        self.key = SymmetricKey(data: Array(appSecret.utf8))
    }

    /// The header value for `body`: `sha256=` and 64 lowercase hex digits.
    public func sign(_ body: some DataProtocol) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: key)
        return Self.prefix + code.hexString
    }

    /// Throws unless `header` is a well-formed signature of exactly these body bytes.
    public func verify(_ body: some DataProtocol, header: String?) throws(WebhookSignatureError) {
        guard let header, !header.isEmpty else { throw .missingHeader }
        guard header.hasPrefix(Self.prefix),
            let expected = [UInt8](hex: header.dropFirst(Self.prefix.count)),
            expected.count == SHA256.byteCount
        else { throw .malformedHeader }
        guard HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: body, using: key) else {
            throw .mismatch
        }
    }
}

/// Why a webhook's signature was rejected. The receiver answers 401 or 403 for all of them; the
/// case only goes to logs and metrics.
public enum WebhookSignatureError: Error, Hashable, Sendable, CustomStringConvertible {
    case missingHeader
    case malformedHeader
    case mismatch

    public var description: String {
        switch self {
        case .missingHeader: "the X-Hub-Signature-256 header is missing"
        case .malformedHeader: "the X-Hub-Signature-256 header is not 'sha256=' followed by 64 hex digits"
        case .mismatch: "the X-Hub-Signature-256 signature does not match the body"
        }
    }
}

extension HashedAuthenticationCode {
    fileprivate var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(byteCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension [UInt8] {
    /// Parses an even number of hex digits (either case); nil for anything else.
    fileprivate init?(hex: Substring) {
        let utf8 = hex.utf8
        guard utf8.count.isMultiple(of: 2) else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(utf8.count / 2)
        var high: UInt8?
        for character in utf8 {
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        self = bytes
    }
}
