/// A customer of the API: it authenticates with any of its keys and sends only from its own numbers.
public struct Tenant: Sendable {
    public var id: String
    public var apiKeys: [Secret]
    public var numbers: [SenderNumber]

    public init(id: String, apiKeys: [Secret], numbers: [SenderNumber]) {
        self.id = id
        self.apiKeys = apiKeys
        self.numbers = numbers
    }

    public func number(id phoneNumberID: String) -> SenderNumber? {
        numbers.first { $0.phoneNumberID == phoneNumberID }
    }
}
