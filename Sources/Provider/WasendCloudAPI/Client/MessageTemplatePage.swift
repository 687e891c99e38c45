/// One page of `GET /{waba-id}/message_templates`.
public struct MessageTemplatePage: Codable, Hashable, Sendable {
    public var data: [MessageTemplateInfo]
    public var paging: Paging?

    public init(data: [MessageTemplateInfo], paging: Paging? = nil) {
        self.data = data
        self.paging = paging
    }

    /// The cursor of the next page, when there is one.
    public var nextCursor: String? {
        paging?.next == nil ? nil : paging?.cursors?.after
    }

    public struct Paging: Codable, Hashable, Sendable {
        public var cursors: Cursors?
        /// Present only when another page exists.
        public var next: String?

        public init(cursors: Cursors? = nil, next: String? = nil) {
            self.cursors = cursors
            self.next = next
        }
    }

    public struct Cursors: Codable, Hashable, Sendable {
        public var before: String?
        public var after: String?

        public init(before: String? = nil, after: String? = nil) {
            self.before = before
            self.after = after
        }
    }
}
