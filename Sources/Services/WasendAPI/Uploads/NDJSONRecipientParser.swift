import Foundation
import NIOCore
import WasendCore

/// `application/x-ndjson`: one JSON object per line, `{"phone": "...", "opt_in": true, "variables": {...}}`.
/// Row numbers are line numbers (from 1); blank lines are skipped but counted.
struct NDJSONRecipientParser: RecipientRowParser {
    private var partialLine: [UInt8] = []
    private var lineNumber = 0
    private let decoder = JSONDecoder()

    mutating func rows(in chunk: ByteBuffer) throws(APIError) -> [Recipient] {
        var rows: [Recipient] = []
        let bytes = chunk.readableBytesView
        var lineStart = bytes.startIndex
        while let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            try appendPartial(bytes[lineStart..<newline])
            lineNumber += 1
            if let row = try decodeLine(partialLine[...]) { rows.append(row) }
            partialLine.removeAll(keepingCapacity: true)
            lineStart = newline + 1
        }
        try appendPartial(bytes[lineStart...])
        return rows
    }

    mutating func finish() throws(APIError) -> [Recipient] {
        guard !partialLine.isEmpty else { return [] }
        lineNumber += 1
        defer { partialLine = [] }
        return try decodeLine(partialLine[...]).map { [$0] } ?? []
    }

    /// Adds to the line being read, whose number is `lineNumber + 1`.
    private mutating func appendPartial(_ bytes: ByteBufferView.SubSequence) throws(APIError) {
        guard partialLine.count + bytes.count <= maximumRowBytes else {
            throw .invalidRow(lineNumber + 1, "longer than \(maximumRowBytes) bytes")
        }
        partialLine.append(contentsOf: bytes)
    }

    private func decodeLine(_ line: ArraySlice<UInt8>) throws(APIError) -> Recipient? {
        var content = line
        while let last = content.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            content = content.dropLast()
        }
        if content.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return nil }
        if let recipient = try? UploadedRecipient(json: Array(content)) { return recipient.recipient }
        // Refused by the fast reader: Foundation's errors name the field for the answer, but would
        // call a line that is not UTF-8 a JSON syntax error.
        guard String(validating: content, as: UTF8.self) != nil else {
            throw .invalidRow(lineNumber, "is not valid UTF-8")
        }
        do {
            return try decoder.decode(UploadedRecipient.self, from: Data(content)).recipient
        } catch let error as DecodingError {
            if error.isSyntaxError { throw .invalidRow(lineNumber, "is not valid JSON") }
            throw .invalidRow(lineNumber, "\(error.fieldPath) \(error.reason)")
        } catch {
            throw .invalidRow(lineNumber, "is not valid JSON")
        }
    }
}
