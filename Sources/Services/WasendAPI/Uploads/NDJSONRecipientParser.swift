import Foundation
import NIOCore

/// `application/x-ndjson`: one JSON object per line, `{"phone": "...", "opt_in": true, "variables": {...}}`.
/// Row numbers are line numbers (from 1); blank lines are skipped but counted.
struct NDJSONRecipientParser: RecipientRowParser {
    private var partialLine: [UInt8] = []
    private var lineNumber = 0
    private let decoder = JSONDecoder()

    mutating func rows(in chunk: ByteBuffer) throws(APIError) -> [UploadedRecipient] {
        var rows: [UploadedRecipient] = []
        try chunk.withUnsafeReadableBytes { (bytes) throws(APIError) in
            var lineStart = bytes.startIndex
            while let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                lineNumber += 1
                if partialLine.isEmpty {
                    if let row = try decodeLine(UnsafeRawBufferPointer(rebasing: bytes[lineStart..<newline])) {
                        rows.append(row)
                    }
                } else {
                    try appendPartial(bytes[lineStart..<newline])
                    let line = partialLine
                    partialLine.removeAll(keepingCapacity: true)
                    if let row = try line.withUnsafeBytes({ (line) throws(APIError) in try decodeLine(line) }) {
                        rows.append(row)
                    }
                }
                lineStart = newline + 1
            }
            try appendPartial(bytes[lineStart...])
        }
        return rows
    }

    mutating func finish() throws(APIError) -> [UploadedRecipient] {
        guard !partialLine.isEmpty else { return [] }
        lineNumber += 1
        let line = partialLine
        partialLine = []
        return try line.withUnsafeBytes { (line) throws(APIError) in try decodeLine(line) }.map { [$0] } ?? []
    }

    private mutating func appendPartial(_ bytes: Slice<UnsafeRawBufferPointer>) throws(APIError) {
        guard partialLine.count + bytes.count <= maximumRowBytes else {
            throw .invalidRow(lineNumber + 1, "longer than \(maximumRowBytes) bytes")
        }
        partialLine.append(contentsOf: bytes)
    }

    private func decodeLine(_ line: UnsafeRawBufferPointer) throws(APIError) -> UploadedRecipient? {
        var content = line[...]
        while let last = content.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            content = content.dropLast()
        }
        if content.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return nil }
        guard content.count <= maximumRowBytes else {
            throw .invalidRow(lineNumber, "longer than \(maximumRowBytes) bytes")
        }
        do {
            return try decoder.decode(UploadedRecipient.self, from: Data(content))
        } catch let error as DecodingError {
            if error.isSyntaxError { throw .invalidRow(lineNumber, "is not valid JSON") }
            throw .invalidRow(lineNumber, "\(error.fieldPath) \(error.reason)")
        } catch {
            throw .invalidRow(lineNumber, "is not valid JSON")
        }
    }
}
