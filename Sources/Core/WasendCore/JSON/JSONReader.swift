/// Reads JSON (RFC 8259) from bytes, value by value, into the caller's own types.
///
/// The counterpart of ``JSONWriter`` for the records read once per message (a job in the sender,
/// a recipient batch in the planner): Foundation's `JSONDecoder` builds a tree of boxed values and
/// looks up generic metadata for every field, and that was most of the cost of reading them. This
/// reader walks the bytes once; members may come in any order, unknown members are skipped (as
/// `Decodable` ignores them), and anything malformed is a ``JSONReadError`` naming the byte offset.
public struct JSONReader {
    private let bytes: [UInt8]
    private var index = 0
    /// Nesting depth, bounded so a hostile record cannot exhaust the stack.
    private var depth = 0
    private static let maximumDepth = 64

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads an object's members: `body` is called with each member's name and must read its
    /// value (or call ``skipValue()``).
    public mutating func readObject(_ body: (inout JSONReader, String) throws(JSONReadError) -> Void)
        throws(JSONReadError)
    {
        try expect(UInt8(ascii: "{"), "an object")
        try enter()
        if try peek() == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return
        }
        while true {
            let name = try readString()
            try expect(UInt8(ascii: ":"), "':' after a member name")
            try body(&self, name)
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"):
                depth -= 1
                return
            default: throw error("',' or '}' in an object", at: index - 1)
            }
        }
    }

    /// Reads an array: `body` is called once per element and must read it.
    public mutating func readArray(_ body: (inout JSONReader) throws(JSONReadError) -> Void) throws(JSONReadError) {
        try expect(UInt8(ascii: "["), "an array")
        try enter()
        if try peek() == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return
        }
        while true {
            try body(&self)
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"):
                depth -= 1
                return
            default: throw error("',' or ']' in an array", at: index - 1)
            }
        }
    }

    public mutating func readString() throws(JSONReadError) -> String {
        try expect(UInt8(ascii: "\""), "a string")
        let start = index
        // The common case has no escapes: one scan, then the bytes as they are.
        var unionOfBytes: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                return try string(from: start, to: index, isASCII: unionOfBytes < 0x80)
            }
            unionOfBytes |= byte
            if byte == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if byte < 0x20 { throw error("a control character inside a string", at: index) }
            index += 1
        }
        throw error("the end of a string", at: index)
    }

    public mutating func readInteger() throws(JSONReadError) -> Int64 {
        skipWhitespace()
        let start = index
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var magnitude: UInt64 = 0
        let digitsStart = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw error("an integer within 64 bits", at: start) }
            magnitude = sum
            index += 1
        }
        guard index > digitsStart else { throw error("an integer", at: start) }
        guard index - digitsStart == 1 || bytes[digitsStart] != UInt8(ascii: "0") else {
            throw error("an integer without leading zeros", at: start)
        }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
            throw error("an integer, not a fraction", at: start)
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw error("an integer within 64 bits", at: start) }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw error("an integer within 64 bits", at: start) }
        return Int64(magnitude)
    }

    public mutating func readInt() throws(JSONReadError) -> Int {
        let start = index
        guard let value = Int(exactly: try readInteger()) else { throw error("an integer that fits an Int", at: start) }
        return value
    }

    public mutating func readBool() throws(JSONReadError) -> Bool {
        skipWhitespace()
        if consume("true") { return true }
        if consume("false") { return false }
        throw error("true or false", at: index)
    }

    /// Consumes a `null` if one comes next; members that are null read as absent, as in `Decodable`.
    public mutating func readNull() -> Bool {
        skipWhitespace()
        return consume("null")
    }

    /// Whether the next value is an array, for a member whose type tells records apart.
    public mutating func nextIsArray() throws(JSONReadError) -> Bool {
        try peek() == UInt8(ascii: "[")
    }

    /// Reads past a value of any kind, for members the caller does not know.
    public mutating func skipValue() throws(JSONReadError) {
        switch try peek() {
        case UInt8(ascii: "{"): try readObject { reader, _ throws(JSONReadError) in try reader.skipValue() }
        case UInt8(ascii: "["): try readArray { reader throws(JSONReadError) in try reader.skipValue() }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try readBool()
        case UInt8(ascii: "n"):
            guard readNull() else { throw error("null", at: index) }
        default: try skipNumber()
        }
    }

    /// Checks that nothing but whitespace follows the value read.
    public mutating func finish() throws(JSONReadError) {
        skipWhitespace()
        guard index == bytes.count else { throw error("the end of the record", at: index) }
    }

    /// An error at the reader's position, for a value that is well-formed JSON but not what the
    /// record allows (a missing member, an unknown enum case).
    public func invalid(_ what: String) -> JSONReadError {
        JSONReadError(message: what, offset: index)
    }

    // MARK: Bytes

    private mutating func enter() throws(JSONReadError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("at most \(Self.maximumDepth) levels of nesting", at: index) }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    private mutating func peek() throws(JSONReadError) -> UInt8 {
        skipWhitespace()
        guard index < bytes.count else { throw error("a value", at: index) }
        return bytes[index]
    }

    private mutating func next() throws(JSONReadError) -> UInt8 {
        let byte = try peek()
        index += 1
        return byte
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONReadError) {
        guard try peek() == byte else { throw error(what, at: index) }
        index += 1
    }

    private mutating func consume(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        let matches = literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        if matches { index += count }
        return matches
    }

    private mutating func skipNumber() throws(JSONReadError) {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                guard index > start else { throw error("a value", at: index) }
                return
            }
        }
        guard index > start else { throw error("a value", at: index) }
    }

    /// ASCII is valid UTF-8 as it is: only other bytes need validating, which looks up the
    /// generic encoding's metadata at every call (the planner's largest cost in reading batches).
    private func string(from start: Int, to end: Int, isASCII: Bool) throws(JSONReadError) -> String {
        let string = bytes.withUnsafeBufferPointer { buffer in
            let utf8 = UnsafeBufferPointer(rebasing: buffer[start..<end])
            return isASCII ? String(decoding: utf8, as: UTF8.self) : String(validating: utf8, as: UTF8.self)
        }
        guard let string else { throw error("a string of valid UTF-8", at: start) }
        return string
    }

    private mutating func readEscapedString(from start: Int) throws(JSONReadError) -> String {
        var unescaped = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let string = String(validating: unescaped, as: UTF8.self) else {
                    throw error("a string of valid UTF-8", at: start)
                }
                return string
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
                case UInt8(ascii: "b"): unescaped.append(0x08)
                case UInt8(ascii: "f"): unescaped.append(0x0C)
                case UInt8(ascii: "n"): unescaped.append(0x0A)
                case UInt8(ascii: "r"): unescaped.append(0x0D)
                case UInt8(ascii: "t"): unescaped.append(0x09)
                case UInt8(ascii: "u"): unescaped.append(contentsOf: try readUnicodeEscape().utf8)
                default: throw error("a valid escape", at: index - 2)
                }
            case 0..<0x20:
                throw error("a control character inside a string", at: index - 1)
            default:
                unescaped.append(byte)
            }
        }
        throw error("the end of a string", at: index)
    }

    /// The four hex digits after `\u`, and a second `\uXXXX` when they are a high surrogate.
    private mutating func readUnicodeEscape() throws(JSONReadError) -> String {
        let start = index - 2
        let first = try readHex4()
        var scalarValue = UInt32(first)
        if (0xD800..<0xDC00).contains(first) {
            guard consume("\\u") else { throw error("a low surrogate after a high one", at: start) }
            let second = try readHex4()
            guard (0xDC00..<0xE000).contains(second) else { throw error("a low surrogate after a high one", at: start) }
            scalarValue = 0x10000 + (UInt32(first - 0xD800) << 10) + UInt32(second - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw error("a valid Unicode escape", at: start) }
        return String(Character(scalar))
    }

    private mutating func readHex4() throws(JSONReadError) -> UInt16 {
        guard bytes.count - index >= 4 else { throw error("four hex digits", at: index) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("four hex digits", at: index)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    private func error(_ expected: String, at offset: Int) -> JSONReadError {
        JSONReadError(message: "expected \(expected)", offset: offset)
    }
}

extension JSONReader {
    /// A member the record requires, or an error naming it.
    public func required<Value>(_ value: Value?, _ name: String) throws(JSONReadError) -> Value {
        guard let value else { throw invalid("missing member \"\(name)\"") }
        return value
    }

    /// A string member whose values are an enum's raw values.
    public mutating func readEnum<Value: RawRepresentable<String>>(_ type: Value.Type, _ name: String)
        throws(JSONReadError) -> Value
    {
        let raw = try readString()
        guard let value = Value(rawValue: raw) else { throw invalid("unknown \(name) \"\(raw)\"") }
        return value
    }
}
