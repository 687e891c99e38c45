/// Writes compact JSON (RFC 8259) straight into a byte buffer.
///
/// The records written once per message (a job, a send outcome, a Cloud API request body) are
/// the services' hottest path, and Foundation's `JSONEncoder` spends most of a message's CPU time
/// on boxing values and looking up generic metadata. This writer appends bytes and nothing else:
/// keys are static ASCII, strings are escaped as RFC 8259 requires (quote, backslash and the
/// control characters; everything else, non-ASCII included, goes out as its UTF-8 bytes), and the
/// commas between members and elements are placed by the writer, so a caller cannot forget one.
///
/// What it writes is plain JSON that `JSONDecoder` reads back; the tests round-trip generated
/// values through Foundation to keep it so.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8]
    /// Whether the next value or key follows a value at the same level, and so needs a comma first.
    private var followsValue = false

    /// - Parameter capacity: bytes reserved up front; a job is typically 300 to 600 bytes.
    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Empties the buffer and keeps its storage, for a writer reused across records.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        followsValue = false
    }

    // MARK: Structure

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        followsValue = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        followsValue = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        followsValue = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        followsValue = true
    }

    /// A member's name; its value comes next. Names are the record formats' own snake_case ASCII
    /// constants, so they are written without escaping.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        followsValue = false
    }

    /// A member's name that comes from data (a recipient's variable names), escaped like a string.
    public mutating func key(escaping name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        followsValue = false
    }

    // MARK: Values

    public mutating func string(_ value: String) {
        separate()
        var value = value
        value.withUTF8 { appendEscaped($0) }
        followsValue = true
    }

    public mutating func integer(_ value: some FixedWidthInteger & SignedInteger) {
        separate()
        appendDecimal(Int64(value))
        followsValue = true
    }

    public mutating func boolean(_ value: Bool) {
        separate()
        if value {
            bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            bytes.append(
                contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e")])
        }
        followsValue = true
    }

    /// A value that writes itself.
    public mutating func value(_ value: some JSONWritable) {
        value.writeJSON(to: &self)
    }

    // MARK: Members (a key and its value)

    public mutating func member(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    public mutating func member(_ name: StaticString, _ value: some FixedWidthInteger & SignedInteger) {
        key(name)
        integer(value)
    }

    public mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        boolean(value)
    }

    public mutating func member(_ name: StaticString, _ value: some JSONWritable) {
        key(name)
        value.writeJSON(to: &self)
    }

    /// Writes nothing when `value` is nil: absent, as `JSONEncoder` leaves an optional.
    public mutating func member(_ name: StaticString, ifPresent value: String?) {
        if let value { member(name, value) }
    }

    /// Writes nothing when `value` is nil: absent, as `JSONEncoder` leaves an optional.
    public mutating func member(_ name: StaticString, ifPresent value: (some JSONWritable)?) {
        if let value { member(name, value) }
    }

    // MARK: Bytes

    private mutating func separate() {
        if followsValue { bytes.append(UInt8(ascii: ",")) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// RFC 8259 section 7: `"` and `\` are escaped, and so are U+0000 to U+001F (by their short
    /// forms where JSON has one); all other bytes of the (always valid) UTF-8 are copied in runs.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            }
            runStart = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            default:
                bytes.append(contentsOf: [
                    UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hexDigits[Int(byte >> 4)],
                    Self.hexDigits[Int(byte & 0x0F)],
                ])
            }
        }
        if runStart < utf8.count {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendDecimal(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // The magnitude as UInt64, so Int64.min needs no special case; at most 20 digits.
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
