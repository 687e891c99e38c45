
extension DecodingError {
    /// The JSON path of the offending value, written as a client would (`tenants[0].numbers[1].tier`),
    /// so both configuration errors and 400 answers can name the field.
    public var fieldPath: String {
        switch self {
        case .keyNotFound(let key, let context):
            return Self.path(context.codingPath + [key])
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return Self.path(context.codingPath)
        @unknown default:
            return ""
        }
    }

    /// A short reason without Foundation's debug text, which can quote the input.
    public var reason: String {
        switch self {
        case .keyNotFound: return "is required"
        case .typeMismatch(let type, _): return "must be \(Self.jsonTypeName(type))"
        case .valueNotFound(let type, _): return "must be \(Self.jsonTypeName(type)), not null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "is not valid JSON" : context.debugDescription
        @unknown default: return "is invalid"
        }
    }

    /// True when the input was not JSON at all, rather than JSON of the wrong shape.
    public var isSyntaxError: Bool {
        if case .dataCorrupted(let context) = self, context.codingPath.isEmpty { return true }
        return false
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is UInt64.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is [Any].Type: return "an array"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object"
        }
    }
}
