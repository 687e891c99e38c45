/// How to fill one template parameter: a ``TemplateParameter`` whose strings are ``TextPattern``s.
public typealias TemplateParameterSpec = Template<TextPattern>.Parameter

extension TemplateParameterSpec {
    /// The patterns in the order they are rendered.
    var patterns: [TextPattern] {
        switch self {
        case .text(let text), .payload(let text), .dateTime(let text): [text]
        case .currency(let fallback, let code, let amount1000): [fallback, code, amount1000]
        case .image(let media), .document(let media), .video(let media): [media.pattern]
        }
    }
}
