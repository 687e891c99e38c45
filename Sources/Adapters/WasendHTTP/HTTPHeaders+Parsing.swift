extension HTTPHeaders {
    /// Parses the header block curl handed to the header callback: a status line, then
    /// `name: value` lines, each ending in CRLF. Lines without a colon are skipped rather than
    /// failing the response, since the status and body are still good.
    init(parsingResponseHead head: [UInt8]) {
        self.init()
        var lines = head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)[...]
        if let first = lines.first, first.starts(with: "HTTP/".utf8) {
            lines = lines.dropFirst()
        }
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = line[line.startIndex..<colon].trimmingWhitespace()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            guard !name.isEmpty else { continue }
            add(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
        }
    }
}

extension ArraySlice<UInt8> {
    fileprivate func trimmingWhitespace() -> ArraySlice<UInt8> {
        let isWhitespace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        guard let first = firstIndex(where: { !isWhitespace($0) }), let last = lastIndex(where: { !isWhitespace($0) }) else {
            return []
        }
        return self[first...last]
    }
}
