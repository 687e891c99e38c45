import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real nginx (Debian's, with the echo module of `nginx-light`) on free loopback ports, with a
/// generated configuration in a temporary directory. Tests and benchmarks of HTTP clients use it.
///
/// Three listeners serve the same locations: ``http1Port`` speaks HTTP/1.1 with keep-alive,
/// ``http2Port`` speaks HTTP/2 over cleartext with prior knowledge (h2c, no upgrade), and
/// ``httpsPort`` speaks TLS offering `h2` and `http/1.1` by ALPN, with a self-signed certificate
/// for 127.0.0.1 generated at start (``certificatePath``, to trust as a CA).
///
/// Locations:
/// - `/json`: ``Configuration/cannedJSON``, like a provider's answer to a send; so does every
///   Graph send path, `/{version}/{phone number id}/messages`.
/// - `/echo`: the request body, byte for byte, whatever the method.
/// - `/query?…`: the query string, so each request can get a distinct body.
/// - `/connection`: nginx's serial number of the connection that carried the request.
/// - `/sleep?seconds=N`: answers `slept` after N seconds (fractions allowed).
/// - `/close`: closes the connection without answering.
public final class NginxProcess: Sendable {
    public struct Configuration: Sendable {
        /// nginx worker processes; one leaves the other core to the client under test.
        public var workerProcesses: Int
        public var cannedJSON: String

        public init(
            workerProcesses: Int = 1,
            cannedJSON: String = #"{"messaging_product":"whatsapp","contacts":[{"input":"+16505551234","wa_id":"16505551234"}],"messages":[{"id":"wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA"}]}"#
        ) {
            self.workerProcesses = workerProcesses
            self.cannedJSON = cannedJSON
        }
    }

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    public let http1Port: Int
    public let http2Port: Int
    public let httpsPort: Int
    public let directory: URL
    private let process: Process

    private init(http1Port: Int, http2Port: Int, httpsPort: Int, directory: URL, process: Process) {
        self.http1Port = http1Port
        self.http2Port = http2Port
        self.httpsPort = httpsPort
        self.directory = directory
        self.process = process
    }

    /// `http://127.0.0.1:<http1Port><path>`.
    public func http1URL(_ path: String) -> String {
        "http://127.0.0.1:\(http1Port)\(path)"
    }

    /// `http://127.0.0.1:<http2Port><path>`: use with HTTP/2 prior knowledge.
    public func http2URL(_ path: String) -> String {
        "http://127.0.0.1:\(http2Port)\(path)"
    }

    /// `https://127.0.0.1:<httpsPort><path>`: HTTP/2 when the client offers it by ALPN.
    public func httpsURL(_ path: String) -> String {
        "https://127.0.0.1:\(httpsPort)\(path)"
    }

    /// The PEM certificate the TLS listener presents; a client trusts it as its CA bundle.
    public var certificatePath: String {
        directory.appendingPathComponent("certificate.pem").path
    }

    /// Writes the configuration, starts nginx in the foreground and returns once both ports accept connections.
    public static func start(_ configuration: Configuration = Configuration()) async throws -> NginxProcess {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasend-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let http1Port = try LoopbackPort.free()
        let http2Port = try LoopbackPort.free()
        let httpsPort = try LoopbackPort.free()
        try await Self.makeCertificate(in: directory)
        let config = Self.configurationFile(
            configuration, directory: directory.path, http1Port: http1Port, http2Port: http2Port, httpsPort: httpsPort)
        try config.write(to: directory.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executablePath())
        process.arguments = [
            "-p", directory.path, "-c", directory.appendingPathComponent("nginx.conf").path,
            "-e", directory.appendingPathComponent("error.log").path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        let nginx = NginxProcess(
            http1Port: http1Port, http2Port: http2Port, httpsPort: httpsPort, directory: directory, process: process)
        do {
            for port in [http1Port, http2Port, httpsPort] {
                try await LoopbackPort.waitUntilAccepting(port, while: { process.isRunning })
            }
        } catch {
            let log = (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
            await nginx.stop()
            throw StartError(description: "nginx did not start: \(error); error.log: \(log)")
        }
        return nginx
    }

    /// Stops nginx (fast shutdown), waits for it to exit and removes its directory.
    public func stop() async {
        if process.isRunning {
            process.terminate()
            while process.isRunning {
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private static func executablePath() throws -> String {
        let candidates = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw StartError(description: "nginx not found; install nginx-light")
        }
        return path
    }

    /// A self-signed P-256 certificate for IP 127.0.0.1, valid for two days, made with the `openssl` tool.
    private static func makeCertificate(in directory: URL) async throws {
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", directory.appendingPathComponent("key.pem").path,
            "-out", directory.appendingPathComponent("certificate.pem").path,
        ]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        while openssl.isRunning {
            try await Task.sleep(for: .milliseconds(10))
        }
        guard openssl.terminationStatus == 0 else {
            throw StartError(description: "openssl could not make a certificate (status \(openssl.terminationStatus))")
        }
    }

    private static func configurationFile(
        _ configuration: Configuration, directory: String, http1Port: Int, http2Port: Int, httpsPort: Int
    ) -> String {
        let echoModule = "/usr/lib/nginx/modules/ngx_http_echo_module.so"
        let cannedJSON = configuration.cannedJSON.replacingOccurrences(of: "'", with: "\\'")
        return """
            \(FileManager.default.fileExists(atPath: echoModule) ? "load_module \(echoModule);" : "")
            \(geteuid() == 0 ? "user root;" : "")
            daemon off;
            master_process on;
            worker_processes \(max(1, configuration.workerProcesses));
            pid \(directory)/nginx.pid;
            error_log \(directory)/error.log warn;
            events {
                worker_connections 4096;
            }
            http {
                access_log off;
                client_body_temp_path \(directory)/client_body;
                proxy_temp_path \(directory)/proxy;
                fastcgi_temp_path \(directory)/fastcgi;
                uwsgi_temp_path \(directory)/uwsgi;
                scgi_temp_path \(directory)/scgi;
                keepalive_requests 10000000;
                keepalive_timeout 60s;
                client_max_body_size 16m;
                client_body_buffer_size 16m;
                default_type application/json;
                server {
                    listen 127.0.0.1:\(http1Port);
                    listen 127.0.0.1:\(http2Port) http2;
                    listen 127.0.0.1:\(httpsPort) ssl http2;
                    ssl_certificate \(directory)/certificate.pem;
                    ssl_certificate_key \(directory)/key.pem;
                    location = /json {
                        return 200 '\(cannedJSON)';
                    }
                    location ~ ^/[^/]+/[0-9]+/messages$ {
                        return 200 '\(cannedJSON)';
                    }
                    location = /echo {
                        default_type application/octet-stream;
                        echo_read_request_body;
                        echo_request_body;
                    }
                    location = /query {
                        default_type text/plain;
                        return 200 $args;
                    }
                    location = /connection {
                        default_type text/plain;
                        return 200 $connection;
                    }
                    location = /sleep {
                        default_type text/plain;
                        echo_sleep $arg_seconds;
                        echo slept;
                    }
                    location = /close {
                        return 444;
                    }
                }
            }

            """
    }
}
