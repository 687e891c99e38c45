/// A slice of a recipient file small enough for one upload request: whole rows only, and for CSV
/// the file's header row first, so the API reads every part like a file of its own.
public struct RecipientFilePart: Sendable, Hashable {
    /// 0, 1, 2…: also names the part in its idempotency key.
    public var index: Int
    /// The file's row number (1 = the first recipient) of the part's first recipient.
    public var firstRow: Int
    public var rows: Int
    public var bytes: [UInt8]

    public init(index: Int, firstRow: Int, rows: Int, bytes: [UInt8]) {
        self.index = index
        self.firstRow = firstRow
        self.rows = rows
        self.bytes = bytes
    }

    /// The file rows it holds, for messages: `rows 100001–200000`.
    public var rowRange: String { "rows \(firstRow)–\(firstRow + rows - 1)" }
}
