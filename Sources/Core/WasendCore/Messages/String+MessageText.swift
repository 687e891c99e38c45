/// Rendered messages hold plain strings, and their amounts are whole thousandths.
extension String: MessageText {
    public typealias Amount = Int64
}
