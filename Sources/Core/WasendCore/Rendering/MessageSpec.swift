/// What a campaign sends, before per-recipient variables are applied.
///
/// Encoded like ``MessageContent`` (`{"type":"template","template":{…}}`), with
/// ``TextPattern``s where the content has strings.
public typealias MessageSpec = Message<TextPattern>

extension MessageSpec {
    /// Every variable the spec uses, in order of first use: a recipient must supply all of them.
    public var variableNames: [String] {
        var seen = Set<String>()
        let patterns: [TextPattern] =
            switch self {
            case .template(let template): template.components.flatMap { $0.parameters.flatMap(\.patterns) }
            case .text(let text): [text.body]
            }
        return patterns.flatMap(\.variableNames).filter { seen.insert($0).inserted }
    }
}
