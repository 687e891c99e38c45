/// The parameter specs of a template's header, body or one button.
public struct TemplateComponentSpec: Sendable, Hashable, Codable {
    public var kind: TemplateComponent.Kind
    public var buttonSubType: TemplateComponent.ButtonSubType?
    public var buttonIndex: Int?
    public var parameters: [TemplateParameterSpec]

    public init(
        kind: TemplateComponent.Kind, buttonSubType: TemplateComponent.ButtonSubType? = nil,
        buttonIndex: Int? = nil, parameters: [TemplateParameterSpec]
    ) {
        self.kind = kind
        self.buttonSubType = buttonSubType
        self.buttonIndex = buttonIndex
        self.parameters = parameters
    }

    public static func header(_ parameters: [TemplateParameterSpec]) -> TemplateComponentSpec {
        TemplateComponentSpec(kind: .header, parameters: parameters)
    }

    public static func body(_ parameters: [TemplateParameterSpec]) -> TemplateComponentSpec {
        TemplateComponentSpec(kind: .body, parameters: parameters)
    }

    public static func button(
        _ subType: TemplateComponent.ButtonSubType, index: Int, _ parameters: [TemplateParameterSpec]
    ) -> TemplateComponentSpec {
        TemplateComponentSpec(kind: .button, buttonSubType: subType, buttonIndex: index, parameters: parameters)
    }

    private enum CodingKeys: String, CodingKey {
        case kind = "type"
        case buttonSubType = "sub_type"
        case buttonIndex = "index"
        case parameters
    }
}
