/// `{{name}}` references to recipient variables inside template parameters and texts.
enum VariableReferences {
    /// The names referenced by `text`, in order of first use.
    static func names(in text: String) -> [String] {
        (try? parse(text, field: "")) ?? []
    }

    /// Fails on an unclosed `{{` or a name that is not `[A-Za-z_][A-Za-z0-9_]*`,
    /// which would otherwise be sent to recipients literally.
    static func validate(_ text: String, field: String) throws(APIError) {
        _ = try parse(text, field: field)
    }

    private static func parse(_ text: String, field: String) throws(APIError) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                throw .invalidField(field, "has a {{ without its closing }}")
            }
            let name = String(afterOpen[..<close.lowerBound]).trimmingASCIISpaces()
            guard let first = name.first, first == "_" || (first.isASCII && first.isLetter),
                name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
            else {
                throw .invalidField(field, "{{\(name)}} is not a valid variable name")
            }
            if !names.contains(name) { names.append(name) }
            rest = afterOpen[close.upperBound...]
        }
        return names
    }
}
