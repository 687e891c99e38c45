import Foundation

extension RedisConfiguration {
    /// Reads `redis://[[user]:password@]host[:port][/database]`, the form Redis' own tools accept.
    /// The other settings keep their defaults; change them on the result.
    public init(url: String) throws(RedisError) {
        func invalid(_ reason: String) -> RedisError {
            // The URL may hold a password: never quote it back.
            RedisError(.invalidConfiguration, "invalid Redis URL: \(reason)")
        }
        guard let components = URLComponents(string: url) else { throw invalid("it is not a URL") }
        guard components.scheme?.lowercased() == "redis" else {
            throw invalid("the scheme must be redis:// (TLS, rediss://, is not supported)")
        }
        guard let host = components.host, !host.isEmpty else { throw invalid("it has no host") }
        self.init(host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host)
        if let port = components.port {
            self.port = port
        }
        let path = components.path.drop { $0 == "/" }
        if !path.isEmpty {
            guard let database = Int(path), database >= 0 else { throw invalid("the database must be a number") }
            self.database = database
        }
        if let user = components.user, !user.isEmpty {
            username = user.removingPercentEncoding ?? user
        }
        if let password = components.password {
            self.password = password.removingPercentEncoding ?? password
        }
        try validate()
    }
}
