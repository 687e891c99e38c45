import NIOCore
import WasendCore

/// `text/csv` (RFC 4180: quoted fields may hold commas, quotes as `""` and newlines).
///
/// The header row is `phone,opt_in,<variable>...`: one column per template variable, named after it.
/// Row numbers count records from 1, the header being row 1; blank lines are skipped but counted.
/// `opt_in` is `true`/`false` (also `1`/`0`, `yes`/`no`).
struct CSVRecipientParser: RecipientRowParser {
    private enum State {
        case fieldStart
        case unquoted
        case quoted
        /// A quote inside a quoted field: either the closing quote or the first of `""`.
        case quoteInQuoted
    }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var record: [String] = []
    private var recordBytes = 0
    private var rowNumber = 0
    private var variableNames: [String]?

    mutating func rows(in chunk: ByteBuffer) throws(APIError) -> [Recipient] {
        var rows: [Recipient] = []
        for byte in chunk.readableBytesView {
            if let row = try consume(byte) { rows.append(row) }
        }
        return rows
    }

    mutating func finish() throws(APIError) -> [Recipient] {
        if case .quoted = state {
            throw .invalidRow(rowNumber + 1, "a quoted field is not closed")
        }
        guard !field.isEmpty || !record.isEmpty || state != .fieldStart else {
            if variableNames == nil { throw .invalidRow(1, "the header row phone,opt_in,... is missing") }
            return []
        }
        let row = try endRecord()
        if variableNames == nil { throw .invalidRow(1, "the header row phone,opt_in,... is missing") }
        return row.map { [$0] } ?? []
    }

    private mutating func consume(_ byte: UInt8) throws(APIError) -> Recipient? {
        recordBytes += 1
        guard recordBytes <= maximumRowBytes else {
            throw .invalidRow(rowNumber + 1, "longer than \(maximumRowBytes) bytes")
        }
        switch (state, byte) {
        case (.quoted, UInt8(ascii: "\"")):
            state = .quoteInQuoted
        case (.quoted, _):
            field.append(byte)
        case (.quoteInQuoted, UInt8(ascii: "\"")):
            field.append(byte)
            state = .quoted
        case (.fieldStart, UInt8(ascii: "\"")):
            state = .quoted
        case (_, UInt8(ascii: ",")):
            try endField()
        case (_, UInt8(ascii: "\n")):
            return try endRecord()
        case (_, UInt8(ascii: "\r")):
            break  // CRLF line ends; a bare CR inside a field must be quoted.
        case (.quoteInQuoted, _):
            throw .invalidRow(rowNumber + 1, "unexpected character after a closing quote")
        case (.fieldStart, _), (.unquoted, _):
            field.append(byte)
            state = .unquoted
        }
        return nil
    }

    private mutating func endField() throws(APIError) {
        // A byte order mark, as spreadsheet exports write, is not part of the first column's name.
        if rowNumber == 0, record.isEmpty, field.starts(with: [0xEF, 0xBB, 0xBF]) { field.removeFirst(3) }
        // Refused, not repaired: a name or number with U+FFFD in it would go out to the recipient.
        guard let text = String(validating: field, as: UTF8.self) else {
            throw .invalidRow(rowNumber + 1, "column \(record.count + 1) is not valid UTF-8")
        }
        record.append(text)
        field.removeAll(keepingCapacity: true)
        state = .fieldStart
    }

    private mutating func endRecord() throws(APIError) -> Recipient? {
        try endField()
        rowNumber += 1
        let fields = record
        record.removeAll(keepingCapacity: true)
        recordBytes = 0
        if fields.count == 1, fields[0].isEmpty { return nil }
        guard let variableNames else {
            self.variableNames = try Self.variableNames(fromHeader: fields)
            return nil
        }
        let expected = variableNames.count + 2
        guard fields.count == expected else {
            throw .invalidRow(rowNumber, "expected \(expected) columns, found \(fields.count)")
        }
        let phone = fields[0].trimmingASCIISpaces()
        guard !phone.isEmpty else { throw .invalidRow(rowNumber, "phone is empty") }
        guard let optIn = Self.parseBoolean(fields[1]) else {
            throw .invalidRow(rowNumber, "opt_in must be true or false")
        }
        var variables: [String: String] = [:]
        variables.reserveCapacity(variableNames.count)
        for (name, value) in zip(variableNames, fields.dropFirst(2)) {
            variables[name] = value
        }
        return Recipient(phone: phone, variables: variables, optedIn: optIn)
    }

    private static func variableNames(fromHeader header: [String]) throws(APIError) -> [String] {
        let names = header.map { $0.trimmingASCIISpaces() }
        guard names.count >= 2, names[0].lowercased() == "phone", names[1].lowercased() == "opt_in" else {
            throw .invalidRow(1, "the header row must start with phone,opt_in")
        }
        let variables = Array(names.dropFirst(2))
        var seen: Set<String> = []
        for name in variables {
            guard !name.isEmpty else { throw .invalidRow(1, "a variable column has no name") }
            guard seen.insert(name).inserted else { throw .invalidRow(1, "column \(name) appears twice") }
        }
        return variables
    }

    private static func parseBoolean(_ text: String) -> Bool? {
        switch text.trimmingASCIISpaces().lowercased() {
        case "true", "1", "yes": true
        case "false", "0", "no": false
        default: nil
        }
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var view = Substring(self)
        while view.first == " " || view.first == "\t" { view = view.dropFirst() }
        while view.last == " " || view.last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
