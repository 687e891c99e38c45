import Foundation
import WasendRedis

/// A real `redis-server` on a free loopback port, without persistence, for one test.
final class RedisServer: Sendable {
    let port: Int
    private let process: Process

    init() async throws {
        port = try Self.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
        process.arguments = ["--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.process = process
        let client = try RedisClient(configuration: configuration)
        defer { client.shutDown() }
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            do {
                try await client.send("PING")
                return
            } catch where ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    var configuration: RedisConfiguration { RedisConfiguration(host: "127.0.0.1", port: port) }
    var url: String { "redis://127.0.0.1:\(port)" }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    private static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
            }
        }
        guard bound else { throw CocoaError(.fileReadUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
