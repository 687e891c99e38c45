import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes bytes to a loopback server over a plain TCP socket, closes the writing side, and reads
/// what comes back until the server closes: the way to send what no HTTP client sends, such as a
/// body shorter than its `Content-Length`. Blocking socket calls run on a thread of their own.
enum RawHTTPExchange {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The server's answer as text; empty when it closed without answering.
    static func send(_ request: [UInt8], port: Int, timeout: Duration = .seconds(30)) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try exchange(request, port: port, timeout: timeout) })
            }
            thread.name = "raw-http-exchange"
            thread.start()
        }
    }

    private static func exchange(_ request: [UInt8], port: Int, timeout: Duration) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { close(socket) }
        var receiveTimeout = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &receiveTimeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect: errno \(errno)") }
        var sent = 0
        while sent < request.count {
            // MSG_NOSIGNAL: a server that closes early (a 413) must not kill the test process with SIGPIPE.
            let written = request.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { break }
            sent += written
        }
        shutdown(socket, Int32(SHUT_WR))
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            response += buffer[0..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }
}
