/// A text with per-recipient placeholders, `Hello {{first_name}}!`, parsed once when a campaign
/// is created so that rendering millions of recipients only concatenates.
///
/// A placeholder is `{{` + a name of letters, digits, `_`, `-` or `.` (spaces around it allowed)
/// + `}}`. Single braces are ordinary text. Encoded as the pattern string.
public struct TextPattern: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public enum Segment: Sendable, Hashable {
        case literal(String)
        case variable(String)
    }

    public let segments: [Segment]

    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// A pattern that is just one variable (the `variable` field of a parameter spec).
    public static func variable(_ name: String) -> TextPattern {
        TextPattern(segments: [.variable(name)])
    }

    public init(parsing text: String) throws(TextPatternError) {
        var segments: [Segment] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            literal += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstRange(of: "}}") else {
                throw .unterminatedPlaceholder(pattern: text)
            }
            let name = afterOpen[..<close.lowerBound].trimmingSpaces()
            guard !name.isEmpty else { throw .emptyVariableName(pattern: text) }
            guard name.allSatisfy(Self.isNameCharacter) else {
                throw .invalidVariableName(String(name), pattern: text)
            }
            if !literal.isEmpty {
                segments.append(.literal(literal))
                literal = ""
            }
            segments.append(.variable(String(name)))
            rest = afterOpen[close.upperBound...]
        }
        literal += rest
        if !literal.isEmpty {
            segments.append(.literal(literal))
        }
        self.segments = segments
    }

    /// For literals in code and tests; a malformed literal pattern is kept as plain text.
    public init(stringLiteral value: String) {
        self = (try? TextPattern(parsing: value)) ?? TextPattern(segments: [.literal(value)])
    }

    /// The variables the pattern uses, in order of first use.
    public var variableNames: [String] {
        var seen = Set<String>()
        return segments.compactMap { segment in
            guard case .variable(let name) = segment, seen.insert(name).inserted else { return nil }
            return name
        }
    }

    /// The text with each placeholder replaced, or the first variable missing from `variables`.
    public func render(_ variables: [String: String]) -> Result<String, MissingVariable> {
        var text = ""
        for segment in segments {
            switch segment {
            case .literal(let literal):
                text += literal
            case .variable(let name):
                guard let value = variables[name] else { return .failure(MissingVariable(name: name)) }
                text += value
            }
        }
        return .success(text)
    }

    /// The variable a ``render(_:)`` could not find.
    public struct MissingVariable: Error, Sendable, Hashable {
        public var name: String
    }

    public var description: String {
        segments.map { segment in
            switch segment {
            case .literal(let literal): literal
            case .variable(let name): "{{\(name)}}"
            }
        }.joined()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            try self.init(parsing: try container.decode(String.self))
        } catch let error as TextPatternError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_-.".contains(character))
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
