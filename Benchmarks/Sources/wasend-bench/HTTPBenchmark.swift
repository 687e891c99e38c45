import ArgumentParser
import Glibc
import WasendHTTP
import WasendTestSupport

/// `wasend-bench http`: requests per second of WasendHTTP against a local nginx answering a
/// canned JSON body, over HTTP/1.1 keep-alive and HTTP/2 (TLS with ALPN, as the Cloud API is
/// reached; libcurl 7.88 cannot reuse h2c prior-knowledge connections), with the CPU time this
/// process spends per request.
struct HTTPBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http",
        abstract: "WasendHTTP requests/s and CPU time per request against a local nginx.")

    enum ProtocolChoice: String, ExpressibleByArgument, CaseIterable {
        case http1, http2
    }

    @Option(help: "Requests measured per protocol (after a warm-up of a tenth as many).")
    var requests = 200_000

    @Option(help: "Requests in flight at once.")
    var inFlight = 256

    @Option(help: "Connections to the server; HTTP/2 multiplexes up to 100 streams on each.")
    var connections = 64

    @Option(help: "nginx worker processes.")
    var nginxWorkers = 1

    @Option(help: "POST a JSON body of this many bytes with a bearer token, as the sender sends a message (0: GET).")
    var postBytes = 0

    @Option(parsing: .upToNextOption, help: "Protocols to measure.")
    var protocols: [ProtocolChoice] = ProtocolChoice.allCases

    func run() async throws {
        let nginx = try await NginxProcess.start(NginxProcess.Configuration(workerProcesses: nginxWorkers))
        print("nginx: \(nginxWorkers) worker(s); \(requests) requests per protocol, \(inFlight) in flight")
        do {
            for version in protocols {
                try await measure(version, nginx: nginx)
            }
        } catch {
            await nginx.stop()
            throw error
        }
        await nginx.stop()
    }

    private func measure(_ version: ProtocolChoice, nginx: NginxProcess) async throws {
        let configuration = HTTPClient.Configuration(
            maxInFlight: inFlight,
            maxConnectionsPerHost: connections,
            maxConnections: connections,
            protocolVersion: version == .http1 ? .http1 : .http2OverTLS,
            caCertificatePath: nginx.certificatePath)
        let client = try HTTPClient(configuration: configuration)
        let url = version == .http1 ? nginx.http1URL("/json") : nginx.httpsURL("/json")
        let request =
            postBytes > 0
            ? HTTPRequest(
                method: .post, url: url,
                headers: ["Authorization": "Bearer bench-token", "Content-Type": "application/json"],
                body: Array("{\"x\":\"\(String(repeating: "a", count: max(0, postBytes - 8)))\"}".utf8))
            : HTTPRequest(url: url)

        _ = try await run(max(requests / 10, inFlight), of: request, on: client)
        let cpuBefore = Self.processCPUTime()
        let start = ContinuousClock.now
        let latencies = try await run(requests, of: request, on: client)
        let elapsed = ContinuousClock.now - start
        let cpu = Self.processCPUTime() - cpuBefore
        await client.shutdown()

        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let sorted = latencies.sorted()
        func percentile(_ fraction: Double) -> String {
            let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
            return String(format: "%.2f ms", Double(value) / 1000)
        }
        print(
            """
            \(version): \(String(format: "%.0f", Double(requests) / seconds)) requests/s \
            (\(String(format: "%.2f", seconds)) s), \
            CPU \(String(format: "%.1f", cpu * 1e6 / Double(requests))) µs/request \
            (\(String(format: "%.0f", cpu / seconds * 100)) % of a core), \
            latency p50 \(percentile(0.5)) p99 \(percentile(0.99))
            """)
    }

    /// Runs `count` requests with `inFlight` workers; returns each request's latency in microseconds.
    private func run(_ count: Int, of request: HTTPRequest, on client: HTTPClient) async throws -> [Int] {
        let workers = max(1, min(inFlight, count))
        return try await withThrowingTaskGroup(of: [Int].self) { group in
            for worker in 0..<workers {
                let share = count / workers + (worker < count % workers ? 1 : 0)
                group.addTask {
                    var latencies: [Int] = []
                    latencies.reserveCapacity(share)
                    let clock = ContinuousClock()
                    for _ in 0..<share {
                        let start = clock.now
                        let response = try await client.execute(request)
                        guard response.status == 200 else {
                            throw ValidationError("unexpected status \(response.status)")
                        }
                        let (seconds, attoseconds) = (clock.now - start).components
                        latencies.append(Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000))
                    }
                    return latencies
                }
            }
            return try await group.reduce(into: []) { $0.append(contentsOf: $1) }
        }
    }

    /// User plus system CPU seconds this process has used so far.
    private static func processCPUTime() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
