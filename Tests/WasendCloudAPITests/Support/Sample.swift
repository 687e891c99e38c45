import Foundation

/// The recorded Meta payloads in `Samples/` (see Samples/SOURCES.md).
enum Sample {
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var description: String { "sample \(name).json is not in the test bundle" }
    }

    /// The file's bytes, exactly as recorded.
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Samples") else {
            throw Missing(name: name)
        }
        return Array(try Data(contentsOf: url))
    }

    /// For recorded HTTP exchanges (`{"request": …, "response": {"http_status", "body"}}`): the
    /// response's status and its body re-serialised as JSON bytes.
    static func recordedResponse(_ name: String) throws -> (status: Int, body: [UInt8]) {
        let object = try JSONSerialization.jsonObject(with: Data(try bytes(name))) as? [String: Any]
        guard let response = object?["response"] as? [String: Any],
            let status = response["http_status"] as? Int,
            let body = response["body"]
        else { throw Missing(name: "\(name) (response)") }
        return (status, Array(try JSONSerialization.data(withJSONObject: body)))
    }

    /// The request body of a recorded exchange, re-serialised as JSON bytes.
    static func recordedRequestBody(_ name: String) throws -> [UInt8] {
        let object = try JSONSerialization.jsonObject(with: Data(try bytes(name))) as? [String: Any]
        guard let request = object?["request"] as? [String: Any], let body = request["body"] else {
            throw Missing(name: "\(name) (request)")
        }
        return Array(try JSONSerialization.data(withJSONObject: body))
    }
}
