/// Cuts a recipient file, fed as it is read, into parts of at most `rowsPerPart` rows, holding
/// one part in memory whatever the file's size.
///
/// Rows end at a line feed; in CSV a line feed inside a quoted field does not end the row. Empty
/// lines are kept (the API skips them) but not counted.
public struct RecipientFileSplitter: Sendable {
    public let format: RecipientFileFormat
    public let rowsPerPart: Int
    private var header: [UInt8]?
    private var pending: [UInt8] = []
    private var rowBytes = 0
    private var rowsInPending = 0
    private var rowsBefore = 0
    private var partIndex = 0
    private var inQuotes = false

    public init(format: RecipientFileFormat, rowsPerPart: Int) {
        precondition(rowsPerPart > 0, "a part holds at least one row")
        self.format = format
        self.rowsPerPart = rowsPerPart
    }

    /// The parts that `bytes` completed.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [RecipientFilePart] {
        var parts: [RecipientFilePart] = []
        pending.reserveCapacity(pending.count + bytes.count)
        for byte in bytes {
            pending.append(byte)
            if format == .csv, byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            }
            guard byte == UInt8(ascii: "\n"), !inQuotes else {
                if byte != UInt8(ascii: "\r") { rowBytes += 1 }
                continue
            }
            endRow()
            if rowsInPending == rowsPerPart, let part = takePart() {
                parts.append(part)
            }
        }
        return parts
    }

    /// The last part, after the whole file was fed; `nil` when nothing is left.
    public mutating func finish() -> RecipientFilePart? {
        endRow()
        return takePart()
    }

    private mutating func endRow() {
        defer { rowBytes = 0 }
        guard rowBytes > 0 else { return }
        if format == .csv, header == nil {
            header = pending
            pending.removeAll(keepingCapacity: true)
            return
        }
        rowsInPending += 1
    }

    private mutating func takePart() -> RecipientFilePart? {
        guard rowsInPending > 0 else { return nil }
        let bytes = (header ?? []) + pending
        let part = RecipientFilePart(index: partIndex, firstRow: rowsBefore + 1, rows: rowsInPending, bytes: bytes)
        partIndex += 1
        rowsBefore += rowsInPending
        rowsInPending = 0
        pending.removeAll(keepingCapacity: true)
        return part
    }
}
