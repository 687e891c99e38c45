/// A startup error that names the configuration field at fault, as `file: field: reason`.
public struct TenantConfigurationError: Error, CustomStringConvertible, Equatable {
    public var file: String?
    public var field: String
    public var reason: String

    public init(file: String? = nil, field: String, reason: String) {
        self.file = file
        self.field = field
        self.reason = reason
    }

    public var description: String {
        let location = field.isEmpty ? "" : "\(field): "
        return "\(file.map { "\($0): " } ?? "")\(location)\(reason)"
    }
}
