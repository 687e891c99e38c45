extension Template {
    /// The parameters of one part of a template: its header, its body, or one of its buttons.
    public struct Component: Sendable, Hashable, Codable {
        public typealias Kind = TemplateComponentKind
        public typealias ButtonSubType = TemplateButtonSubType

        public var kind: Kind
        /// Set only for buttons.
        public var buttonSubType: ButtonSubType?
        /// The button's position in the template, 0...9; set only for buttons.
        public var buttonIndex: Int?
        public var parameters: [Parameter]

        public init(
            kind: Kind, buttonSubType: ButtonSubType? = nil, buttonIndex: Int? = nil,
            parameters: [Parameter]
        ) {
            self.kind = kind
            self.buttonSubType = buttonSubType
            self.buttonIndex = buttonIndex
            self.parameters = parameters
        }

        public static func header(_ parameters: [Parameter]) -> Component {
            Component(kind: .header, parameters: parameters)
        }

        public static func body(_ parameters: [Parameter]) -> Component {
            Component(kind: .body, parameters: parameters)
        }

        public static func button(_ subType: ButtonSubType, index: Int, _ parameters: [Parameter]) -> Component {
            Component(kind: .button, buttonSubType: subType, buttonIndex: index, parameters: parameters)
        }

        private enum CodingKeys: String, CodingKey {
            case kind = "type"
            case buttonSubType = "sub_type"
            case buttonIndex = "index"
            case parameters
        }
    }
}

/// The filled-in parameters of one part of a template.
public typealias TemplateComponent = Template<String>.Component
