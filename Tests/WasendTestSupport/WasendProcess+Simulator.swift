extension WasendProcess {
    private static let simulatorListening = "wasend sim listening on "

    /// The base URL a `wasend sim` process announces once it listens (it picks its port with `--port 0`).
    public func simulatorURL(timeout: Duration = .seconds(60)) async throws -> String {
        let line = try await firstLine(where: { $0.hasPrefix(Self.simulatorListening) }, timeout: timeout)
        return String(line.dropFirst(Self.simulatorListening.count))
    }
}
