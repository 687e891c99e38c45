/// The parameters of one part of a template: its header, its body, or one of its buttons.
public struct TemplateComponent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case header, body, button
    }

    public enum ButtonSubType: String, Sendable, Codable {
        case quickReply = "quick_reply"
        case url
    }

    public var kind: Kind
    /// Set only for buttons.
    public var buttonSubType: ButtonSubType?
    /// The button's position in the template, 0...9; set only for buttons.
    public var buttonIndex: Int?
    public var parameters: [TemplateParameter]

    public init(
        kind: Kind, buttonSubType: ButtonSubType? = nil, buttonIndex: Int? = nil,
        parameters: [TemplateParameter]
    ) {
        self.kind = kind
        self.buttonSubType = buttonSubType
        self.buttonIndex = buttonIndex
        self.parameters = parameters
    }

    public static func header(_ parameters: [TemplateParameter]) -> TemplateComponent {
        TemplateComponent(kind: .header, parameters: parameters)
    }

    public static func body(_ parameters: [TemplateParameter]) -> TemplateComponent {
        TemplateComponent(kind: .body, parameters: parameters)
    }

    public static func button(
        _ subType: ButtonSubType, index: Int, _ parameters: [TemplateParameter]
    ) -> TemplateComponent {
        TemplateComponent(kind: .button, buttonSubType: subType, buttonIndex: index, parameters: parameters)
    }

    private enum CodingKeys: String, CodingKey {
        case kind = "type"
        case buttonSubType = "sub_type"
        case buttonIndex = "index"
        case parameters
    }
}
