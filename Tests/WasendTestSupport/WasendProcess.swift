import Foundation
import Synchronization

/// A `wasend` subcommand running as a child process, with its standard output collected
/// line by line (standard error goes to the test's own, or to a file the test reads later).
public final class WasendProcess: Sendable {
    public struct Timeout: Error, CustomStringConvertible {
        public var waitingFor: String
        public init(waitingFor: String) {
            self.waitingFor = waitingFor
        }

        public var description: String { "timed out waiting for \(waitingFor)" }
    }

    private let process: Process
    private let output = LineCollector()
    public let arguments: [String]

    /// Starts `wasend <arguments>`, with `environment` added to the test's own; standard error
    /// is appended to `standardError` when given. With `realtime`, every thread of the process
    /// runs in the round-robin real-time class (through `chrt`, which keeps the process id) where
    /// the test may set it, so that the ordinary processes of the test cannot delay it.
    public init(
        _ arguments: [String], environment: [String: String] = [:], standardError: URL? = nil, realtime: Bool = false
    ) throws {
        let process = Process()
        let executable = try WasendExecutable.url()
        if realtime, Self.mayRunRealtime {
            process.executableURL = URL(fileURLWithPath: Self.chrt)
            process.arguments = ["--rr", "10", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let standardError {
            if !FileManager.default.fileExists(atPath: standardError.path) {
                FileManager.default.createFile(atPath: standardError.path, contents: nil)
            }
            let file = try FileHandle(forWritingTo: standardError)
            try file.seekToEnd()
            process.standardError = file
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        self.process = process
        self.arguments = arguments
        try process.run()
        // A thread of its own reads until the end: Foundation's readability handler can stop
        // before the last chunks of a child that exits right after writing them.
        let reading = pipe.fileHandleForReading
        Thread.detachNewThread { [output] in
            while true {
                let data = reading.availableData
                output.append(data)
                if data.isEmpty { return }
            }
        }
    }

    private static let chrt = "/usr/bin/chrt"

    /// Whether `chrt` may start a process in the real-time class here (root, or `CAP_SYS_NICE`).
    private static let mayRunRealtime: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: chrt)
        probe.arguments = ["--rr", "10", "/bin/true"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    public var processIdentifier: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// The complete lines printed so far.
    public var lines: [String] { output.lines }

    /// Waits (polling) until a printed line satisfies `predicate`, and returns it.
    public func firstLine(
        where predicate: (String) -> Bool, timeout: Duration = .seconds(30)
    ) async throws -> String {
        try await poll(until: "a line from wasend \(arguments.joined(separator: " "))", timeout: timeout) {
            lines.first(where: predicate)
        }
    }

    public func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits (polling) for the process to exit and for the rest of its output to be read (a
    /// grandchild holding the pipe open gets 5 s), and returns its status. The default is generous:
    /// a graceful stop closes Kafka consumers, which on a loaded machine can take tens of seconds.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(120)) async throws -> Int32 {
        let status = try await poll(until: "wasend \(arguments.joined(separator: " ")) to exit", timeout: timeout) {
            process.isRunning ? exitedUnseen() : process.terminationStatus
        }
        _ = try? await poll(until: "the end of the output", timeout: .seconds(5)) { output.ended ? true : nil }
        return status
    }

    /// The exit status of a child that has exited while Foundation still takes it for running:
    /// Foundation can miss a child that exits at once, under many parallel spawns (a validation
    /// error ends the process in milliseconds). `WNOWAIT` looks without reaping it.
    private func exitedUnseen() -> Int32? {
        var info = siginfo_t()
        let pid = process.processIdentifier
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info._sifields._sigchld.si_pid == pid
        else { return nil }
        // As Foundation reports it: the exit code, or the number of the signal that ended it.
        return info._sifields._sigchld.si_status
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }
}

/// Splits a child's output into lines as it arrives.
private final class LineCollector: Sendable {
    private struct State {
        var lines: [String] = []
        var partial: [UInt8] = []
        var ended = false
    }

    private let state = Mutex(State())

    var lines: [String] { state.withLock { $0.lines } }
    var ended: Bool { state.withLock { $0.ended } }

    /// Appends a chunk of output; an empty chunk is the end of the output.
    func append(_ data: Data) {
        state.withLock { state in
            if data.isEmpty {
                state.ended = true
                if !state.partial.isEmpty {
                    state.lines.append(String(decoding: state.partial, as: UTF8.self))
                    state.partial.removeAll()
                }
                return
            }
            state.partial.append(contentsOf: data)
            while let newline = state.partial.firstIndex(of: UInt8(ascii: "\n")) {
                state.lines.append(String(decoding: state.partial[..<newline], as: UTF8.self))
                state.partial.removeSubrange(...newline)
            }
        }
    }
}

/// Re-evaluates `condition` every 50 ms until it gives a value or `timeout` passes.
public func poll<Value>(
    until what: String, timeout: Duration = .seconds(30), _ condition: () throws -> Value?
) async throws -> Value {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = try condition() {
            return value
        }
        guard ContinuousClock.now < deadline else { throw WasendProcess.Timeout(waitingFor: what) }
        try await Task.sleep(for: .milliseconds(50))
    }
}
