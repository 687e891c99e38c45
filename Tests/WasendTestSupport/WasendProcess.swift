import Foundation
import Synchronization

/// A `wasend` subcommand running as a child process, with its standard output collected
/// line by line (standard error goes to the test's own).
public final class WasendProcess: Sendable {
    public struct Timeout: Error, CustomStringConvertible {
        public var waitingFor: String
        public var description: String { "timed out waiting for \(waitingFor)" }
    }

    private struct Output {
        var lines: [String] = []
        var partial: [UInt8] = []
    }

    private let process: Process
    private let output = Mutex(Output())
    public let arguments: [String]

    /// Starts `wasend <arguments>`.
    public init(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = try WasendExecutable.url()
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        self.process = process
        self.arguments = arguments
        pipe.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            output.withLock { output in
                if data.isEmpty {
                    if !output.partial.isEmpty {
                        output.lines.append(String(decoding: output.partial, as: UTF8.self))
                        output.partial.removeAll()
                    }
                    handle.readabilityHandler = nil
                    return
                }
                output.partial.append(contentsOf: data)
                while let newline = output.partial.firstIndex(of: UInt8(ascii: "\n")) {
                    output.lines.append(String(decoding: output.partial[..<newline], as: UTF8.self))
                    output.partial.removeSubrange(...newline)
                }
            }
        }
        try process.run()
    }

    public var processIdentifier: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// The complete lines printed so far.
    public var lines: [String] { output.withLock { $0.lines } }

    /// Lines from `index` on, and the index to continue from.
    public func lines(from index: Int) -> (lines: ArraySlice<String>, next: Int) {
        output.withLock { output in
            let start = min(index, output.lines.count)
            return (output.lines[start...], output.lines.count)
        }
    }

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

    /// Waits (polling) for the process to exit, and returns its status.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        try await poll(until: "wasend \(arguments.joined(separator: " ")) to exit", timeout: timeout) {
            process.isRunning ? nil : process.terminationStatus
        }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
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
