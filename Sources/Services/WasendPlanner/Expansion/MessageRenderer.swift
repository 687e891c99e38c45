import WasendAPI
import WasendCore

/// Fills a campaign's `{{variable}}` references with one recipient's values.
///
/// The campaign's message is parsed once into ``Segment``s when the renderer is made, so
/// rendering a recipient is a concatenation, not a search: the planner renders millions.
public struct MessageRenderer: Sendable {
    private enum Segment: Sendable, Hashable {
        case literal(String)
        case variable(String)
    }

    /// A text with its references located.
    private struct Pattern: Sendable {
        var segments: [Segment]
        var field: String

        init(_ text: String, field: String) {
            self.field = field
            var segments: [Segment] = []
            var rest = Substring(text)
            while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
                if open.lowerBound > rest.startIndex { segments.append(.literal(String(rest[..<open.lowerBound]))) }
                var name = rest[open.upperBound..<close.lowerBound]
                while name.first == " " { name.removeFirst() }
                while name.last == " " { name.removeLast() }
                segments.append(.variable(String(name)))
                rest = rest[close.upperBound...]
            }
            if !rest.isEmpty { segments.append(.literal(String(rest))) }
            self.segments = segments
        }

        func render(_ variables: [String: String], limit: Int) throws(RenderError) -> String {
            var result = ""
            for segment in segments {
                switch segment {
                case .literal(let text): result += text
                case .variable(let name):
                    guard let value = variables[name] else { throw .missingVariable(name: name) }
                    result += value
                }
            }
            guard result.count <= limit else { throw .textTooLong(field: field, limit: limit) }
            return result
        }
    }

    private enum Body: Sendable {
        case text(Pattern)
        case template(name: String, language: String, components: [(TemplateComponent, [Pattern?])])
    }

    private let body: Body

    /// `nil` when the spec has neither a template nor a text (the API refuses such campaigns).
    public init?(spec: CampaignSpec) {
        if let template = spec.template {
            let components = template.components.enumerated().map { componentIndex, component in
                let patterns = component.parameters.enumerated().map { parameterIndex, parameter -> Pattern? in
                    let field = "template.components[\(componentIndex)].parameters[\(parameterIndex)]"
                    switch parameter {
                    case .text(let text): return Pattern(text, field: field + ".text")
                    case .payload(let payload): return Pattern(payload, field: field + ".payload")
                    case .currency, .dateTime, .image, .document, .video: return nil
                    }
                }
                return (component, patterns)
            }
            body = .template(name: template.name, language: template.language, components: components)
        } else if let text = spec.text {
            body = .text(Pattern(text, field: "text"))
        } else {
            return nil
        }
    }

    public func render(_ variables: [String: String]) throws(RenderError) -> MessageContent {
        switch body {
        case .text(let pattern):
            return .text(TextMessage(body: try pattern.render(variables, limit: TextMessage.maximumBodyLength)))
        case .template(let name, let language, let components):
            var rendered: [TemplateComponent] = []
            rendered.reserveCapacity(components.count)
            for (component, patterns) in components {
                var filled = component
                for (index, pattern) in patterns.enumerated() {
                    guard let pattern else { continue }
                    let value = try pattern.render(variables, limit: TemplateParameter.maximumBodyTextLength)
                    switch component.parameters[index] {
                    case .payload: filled.parameters[index] = .payload(value)
                    default: filled.parameters[index] = .text(value)
                    }
                }
                rendered.append(filled)
            }
            return .template(TemplateMessage(name: name, languageCode: language, components: rendered))
        }
    }
}
