import Foundation

/// Where a secret is read from. The configuration file only ever names the place, so it can be
/// committed and shown; the secret itself stays in the environment or a mounted secrets file.
public enum SecretReference: Sendable, Equatable {
    case environment(String)
    case file(String)

    /// Reads the secret now, so a missing one fails at startup rather than at the first send.
    public func resolve(environment: [String: String]) throws(SecretResolutionError) -> Secret {
        switch self {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw SecretResolutionError(reason: "environment variable \(name) is not set")
            }
            return Secret(value)
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)
            else {
                throw SecretResolutionError(reason: "secrets file \(path) cannot be read")
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { throw SecretResolutionError(reason: "secrets file \(path) is empty") }
            return Secret(value)
        }
    }
}

public struct SecretResolutionError: Error, CustomStringConvertible {
    public var reason: String

    public var description: String { reason }
}

extension SecretReference: Decodable {
    private enum CodingKeys: String, CodingKey {
        case env, file
    }

    public init(from decoder: any Decoder) throws {
        // A bare string would be the token itself: refuse it rather than accept a secret in the file.
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: #"must be {"env": "VARIABLE"} or {"file": "/path"}; tokens are never read from the configuration file"#))
        }
        switch (try container.decodeIfPresent(String.self, forKey: .env), try container.decodeIfPresent(String.self, forKey: .file)) {
        case (let name?, nil) where !name.isEmpty: self = .environment(name)
        case (nil, let path?) where !path.isEmpty: self = .file(path)
        default:
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: #"needs exactly one of "env" or "file""#))
        }
    }
}

/// A secret value that never prints itself, so it cannot leak into logs or responses by accident.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
