import Foundation

/// The subset of JSON Schema (draft 2020-12) that Wasend's `schemas/` use, so the tests check
/// produced records against the schema files without a Python or network dependency:
/// `type`, `enum`, `const`, `properties`, `required`, `additionalProperties`, `min/maxProperties`,
/// `items`, `min/maxItems`, `min/maxLength`, `pattern`, `minimum`, `maximum`, `oneOf`, `anyOf`,
/// `allOf`, and `$ref` to `#/$defs/…` or to another file of the directory (`file.json#/$defs/…`).
/// Annotations (`description`, `format`, `contentEncoding`…) are ignored, as the spec allows.
public struct JSONSchemaValidator {
    public struct Violation: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path.isEmpty ? "/" : path): \(message)" }
    }

    private let documents: [String: Any]

    /// Loads every `*.schema.json` of `directory`, by file name (their `$id`).
    public init(directory: URL) throws {
        var documents: [String: Any] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".schema.json") {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            documents[name] = try JSONSerialization.jsonObject(with: data)
        }
        self.documents = documents
    }

    public static var repositorySchemas: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("schemas")
    }

    public var schemaNames: [String] { documents.keys.sorted() }

    /// The violations of `instance` (JSON bytes) against schema file `name`; empty when valid.
    public func violations(of instance: [UInt8], against name: String) throws -> [Violation] {
        guard let schema = documents[name] else { throw Violation(path: "", message: "no schema \(name)") }
        let value = try JSONSerialization.jsonObject(with: Data(instance), options: [.fragmentsAllowed])
        var found: [Violation] = []
        check(value, schema, document: name, path: "", into: &found)
        return found
    }

    private func resolve(_ reference: String, document: String) -> (schema: Any, document: String)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let target = parts[0].isEmpty ? document : parts[0]
        guard var node = documents[target] else { return nil }
        if parts.count == 2 {
            for component in parts[1].split(separator: "/") {
                guard let object = node as? [String: Any], let next = object[String(component)] else { return nil }
                node = next
            }
        }
        return (node, target)
    }

    private func check(_ value: Any, _ schema: Any, document: String, path: String, into found: inout [Violation]) {
        if let flag = schema as? Bool {
            if !flag { found.append(Violation(path: path, message: "no value is allowed here")) }
            return
        }
        guard let schema = schema as? [String: Any] else { return }
        func fail(_ message: String) { found.append(Violation(path: path, message: message)) }

        if let reference = schema["$ref"] as? String {
            if let (target, targetDocument) = resolve(reference, document: document) {
                check(value, target, document: targetDocument, path: path, into: &found)
            } else {
                fail("unresolvable $ref \(reference)")
            }
        }
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [type as? String].compactMap { $0 }
            if !types.contains(where: { Self.value(value, hasType: $0) }) { fail("expected \(types.joined(separator: " or "))") }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal($0, value) }) {
            fail("not one of the allowed values")
        }
        if let constant = schema["const"], !Self.equal(constant, value) { fail("must be \(constant)") }
        if let string = value as? String {
            if let minimum = schema["minLength"] as? Int, string.count < minimum { fail("shorter than \(minimum)") }
            if let maximum = schema["maxLength"] as? Int, string.count > maximum { fail("longer than \(maximum)") }
            if let pattern = schema["pattern"] as? String,
                string.range(of: pattern, options: .regularExpression) == nil
            {
                fail("does not match \(pattern)")
            }
        }
        if let number = value as? NSNumber, !Self.isBoolean(number) {
            if let minimum = schema["minimum"] as? Double, number.doubleValue < minimum { fail("less than \(minimum)") }
            if let maximum = schema["maximum"] as? Double, number.doubleValue > maximum { fail("more than \(maximum)") }
        }
        if let array = value as? [Any] {
            if let minimum = schema["minItems"] as? Int, array.count < minimum { fail("fewer than \(minimum) items") }
            if let maximum = schema["maxItems"] as? Int, array.count > maximum { fail("more than \(maximum) items") }
            if let items = schema["items"] {
                for (index, item) in array.enumerated() {
                    check(item, items, document: document, path: "\(path)/\(index)", into: &found)
                }
            }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil { fail("missing \(name)") }
            if let minimum = schema["minProperties"] as? Int, object.count < minimum { fail("fewer than \(minimum) properties") }
            if let maximum = schema["maxProperties"] as? Int, object.count > maximum { fail("more than \(maximum) properties") }
            for (name, member) in object {
                if let property = properties[name] {
                    check(member, property, document: document, path: "\(path)/\(name)", into: &found)
                } else if let additional = schema["additionalProperties"] {
                    check(member, additional, document: document, path: "\(path)/\(name)", into: &found)
                }
            }
        }
        for subschema in schema["allOf"] as? [Any] ?? [] {
            check(value, subschema, document: document, path: path, into: &found)
        }
        if let options = schema["anyOf"] as? [Any] {
            let passing = options.filter { passes(value, $0, document: document) }
            if passing.isEmpty { fail("matches none of anyOf") }
        }
        if let options = schema["oneOf"] as? [Any] {
            let passing = options.filter { passes(value, $0, document: document) }.count
            if passing != 1 { fail("matches \(passing) of oneOf's \(options.count) schemas, not exactly one") }
        }
    }

    private func passes(_ value: Any, _ schema: Any, document: String) -> Bool {
        var found: [Violation] = []
        check(value, schema, document: document, path: "", into: &found)
        return found.isEmpty
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // JSONSerialization gives booleans as NSNumbers of type `c` (char).
        String(cString: number.objCType) == "c"
    }

    private static func value(_ value: Any, hasType type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "null": return value is NSNull
        case "boolean": return (value as? NSNumber).map(isBoolean) ?? false
        case "number": return (value as? NSNumber).map { !isBoolean($0) } ?? false
        case "integer":
            guard let number = value as? NSNumber, !isBoolean(number) else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        default: return false
        }
    }

    private static func equal(_ lhs: Any, _ rhs: Any) -> Bool {
        (lhs as? NSObject)?.isEqual(rhs) ?? false
    }
}
