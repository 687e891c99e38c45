import ArgumentParser
import Foundation
import Synchronization
import WasendCore
import WasendHTTP
import WasendSimulator

/// `wasend-bench sim`: how many sends per second the Cloud API simulator answers over loopback
/// HTTP/1.1, driven by Wasend's own curl client. The simulator must never be a load test's bottleneck.
///
/// By default the simulator runs in a child process (this executable with `--serve`), so that client
/// and server do not share one cooperative thread pool, and the child's CPU time per send is reported.
struct SimulatorBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Sends/s against the Cloud API simulator (a child process unless --url or --in-process is given).")

    @Option(help: "Timed sends.")
    var sends = 200_000

    @Option(help: "Sends in flight at once.")
    var concurrency = 64

    @Option(help: "HTTP/1.1 connections to the simulator.")
    var connections = 32

    @Option(help: "Base URL of a running simulator (e.g. http://127.0.0.1:8089, with token wasend-sim-token and its default number).")
    var url: String?

    @Flag(help: "Schedule status webhooks too (posted to a port nobody listens on, so they are retried and dropped).")
    var webhooks = false

    @Flag(help: "Run the simulator in this process, sharing its threads with the client.")
    var inProcess = false

    @Flag(help: "Only run the simulator, on --port, until killed.")
    var serve = false

    @Option(help: "Port of the simulator started here.")
    var port = 18_089

    private static let token = "wasend-sim-token"
    private static let numberID = SimulatedPhoneNumber().id

    func run() async throws {
        if let url {
            try await measure(baseURL: url)
        } else if serve || inProcess {
            try await runSimulatorHere()
        } else {
            try await runSimulatorInChildProcess()
        }
    }

    private func runSimulatorInChildProcess() async throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["sim", "--serve", "--port", String(port)] + (webhooks ? ["--webhooks"] : [])
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        defer { child.terminate() }
        let baseURL = "http://127.0.0.1:\(port)"
        try await waitUntilListening(baseURL)
        let cpuBefore = ProcessCPUTime.seconds(of: child.processIdentifier)
        try await measure(baseURL: baseURL)
        if let before = cpuBefore, let after = ProcessCPUTime.seconds(of: child.processIdentifier) {
            print("  simulator CPU: \(Int((after - before) / Double(sends) * 1e6)) µs per send (all its threads)")
        }
    }

    private func waitUntilListening(_ baseURL: String) async throws {
        let client = try HTTPClient(configuration: .init(protocolVersion: .http1, connectTimeout: .seconds(1)))
        var listening = false
        for _ in 0..<100 where !listening {
            listening = (try? await client.execute(HTTPRequest(url: baseURL + "/_sim/stats")))?.status == 200
            if !listening {
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        await client.shutdown()
        guard listening else {
            throw ValidationError("the simulator child process did not start listening on \(baseURL)")
        }
    }

    private func runSimulatorHere() async throws {
        var configuration = SimulatorConfiguration(port: port)
        // Limits out of the way: this measures the simulator's own cost per send.
        configuration.behaviour.defaultMessagesPerSecond = 1_000_000
        configuration.behaviour.throughputBurst = 1_000_000
        configuration.behaviour.pairBurst = 1_000_000
        configuration.behaviour.messagingTier = .unlimited
        if webhooks {
            configuration.webhook.url = "http://127.0.0.1:9/webhook"
            configuration.webhook.maximumAttempts = 1
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let service = SimulatorService(configuration: configuration) { port in
            continuation.yield(port)
            continuation.finish()
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            for await port in ports {
                if serve {
                    try await group.waitForAll()
                }
                try await measure(baseURL: "http://127.0.0.1:\(port)")
            }
            group.cancelAll()
        }
    }

    private func measure(baseURL: String) async throws {
        let client = try HTTPClient(
            configuration: .init(maxInFlight: concurrency, maxConnectionsPerHost: connections, protocolVersion: .http1))
        let url = "\(baseURL)/v23.0/\(Self.numberID)/messages"
        let headers: HTTPHeaders = ["Content-Type": "application/json", "Authorization": "Bearer \(Self.token)"]
        let counters = Counters()

        @Sendable func sendAll(upTo total: Int) async -> [Duration] {
            var latencies: [Duration] = []
            while true {
                let index = counters.next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < total else { return latencies }
                let body = #"{"messaging_product":"whatsapp","recipient_type":"individual","to":"\#(15_550_000_000 + index)","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}},"biz_opaque_callback_data":"bench-\#(index)"}"#
                do {
                    let response = try await client.execute(HTTPRequest(method: .post, url: url, headers: headers, body: Array(body.utf8)))
                    if response.status == 200 {
                        latencies.append(response.timing.total)
                    } else {
                        counters.failures.add(1, ordering: .relaxed)
                    }
                } catch {
                    counters.failures.add(1, ordering: .relaxed)
                }
            }
        }

        func runWorkers(total: Int) async -> [Duration] {
            counters.next.store(0, ordering: .relaxed)
            return await withTaskGroup(of: [Duration].self) { group in
                for _ in 0..<concurrency {
                    group.addTask { await sendAll(upTo: total) }
                }
                return await group.reduce(into: []) { $0 += $1 }
            }
        }

        _ = await runWorkers(total: min(sends, 5_000))  // warm-up: connections, caches
        counters.failures.store(0, ordering: .relaxed)
        let clock = ContinuousClock()
        let start = clock.now
        var latencies = await runWorkers(total: sends)
        let elapsed = clock.now - start
        await client.shutdown()

        latencies.sort()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        func percentile(_ fraction: Double) -> String {
            guard !latencies.isEmpty else { return "-" }
            let latency = latencies[min(latencies.count - 1, Int(Double(latencies.count) * fraction))]
            return String(Double(latency.components.attoseconds) / 1e15 + Double(latency.components.seconds) * 1e3).prefix(6) + " ms"
        }
        print("simulator: \(sends) sends, \(concurrency) in flight over \(connections) connections\(webhooks ? ", webhooks on" : "")")
        print("  sends/s:  \(Int(Double(sends) / seconds))")
        print("  failures: \(counters.failures.load(ordering: .relaxed))")
        print("  latency:  p50 \(percentile(0.5)), p99 \(percentile(0.99))")
    }

    /// Shared by the sending tasks: the next send's index and the failures so far.
    private final class Counters: Sendable {
        let next = Atomic<Int>(0)
        let failures = Atomic<Int>(0)
    }
}
