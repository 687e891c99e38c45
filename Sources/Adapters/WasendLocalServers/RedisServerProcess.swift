import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real `redis-server` child process on a free loopback port, in its own temporary directory,
/// for `wasend dev`, integration tests and benchmarks.
///
/// It can be stopped, killed, paused and started again on the same port with the same directory,
/// so tests can watch a client live through restarts (with or without persistence) and through a
/// server that stops answering. The process is killed and the directory removed when the value is
/// released.
///
///     let server = try await RedisServerProcess.start()
///     let client = try RedisClient(configuration: server.configuration)
///     try await server.restart()
public final class RedisServerProcess: Sendable {
    public struct Options: Sendable {
        /// What survives a restart.
        public enum Persistence: Sendable {
            /// Nothing: a restarted server is empty.
            case none
            /// An append-only file, fsynced after every write: every acknowledged write survives.
            case appendOnly
            /// An RDB snapshot written on a clean shutdown (`stop()`), not on `kill()`.
            case snapshotOnShutdown
        }

        public var persistence: Persistence
        /// Sets `requirepass`: clients must `AUTH`.
        public var password: String?
        /// More `redis-server` options, as `["--maxmemory", "10mb"]`.
        public var extraArguments: [String]
        /// The server program; found on `PATH` by default.
        public var executable: String

        public init(
            persistence: Persistence = .none,
            password: String? = nil,
            extraArguments: [String] = [],
            executable: String = "redis-server"
        ) {
            self.persistence = persistence
            self.password = password
            self.extraArguments = extraArguments
            self.executable = executable
        }
    }

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
        /// Another process bound the port between our choosing it and redis-server binding it.
        var portWasTaken = false
    }

    public let host = "127.0.0.1"
    public let port: Int
    /// The server's working directory: its log files and, with persistence, its data.
    public let directory: URL
    public let options: Options
    /// The running server's process id, and how many times it was started (one log file each).
    private let state = Mutex<(processIdentifier: pid_t?, starts: Int)>((nil, 0))

    /// The URL clients use, without the password.
    public var url: String { "redis://\(host):\(port)/0" }

    private init(port: Int, directory: URL, options: Options) {
        self.port = port
        self.directory = directory
        self.options = options
    }

    /// Starts a server on a free port and returns once it answers connections. A port that
    /// another process takes first is replaced by another, a few times.
    public static func start(options: Options = Options()) async throws -> RedisServerProcess {
        var attempt = 0
        while true {
            attempt += 1
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("wasend-redis-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let server = RedisServerProcess(port: try LoopbackPort.free(), directory: directory, options: options)
            do {
                try await server.start()
                return server
            } catch let error as StartError where error.portWasTaken && attempt < 5 {
                continue
            }
        }
    }

    deinit {
        if let processIdentifier = state.withLock({ $0.processIdentifier }) {
            deliver(SIGKILL, to: processIdentifier)
            _ = waitpid(processIdentifier, nil, 0)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts the server again, on the same port and directory, after `stop()` or `kill()`.
    public func start() async throws {
        let logFile = try state.withLock { state in
            guard state.processIdentifier == nil else {
                throw StartError(description: "redis-server is already running on port \(port)")
            }
            state.starts += 1
            return directory.appendingPathComponent("redis-\(state.starts).log")
        }
        let processIdentifier = try Self.spawn([options.executable] + arguments(logFile: logFile))
        state.withLock { $0.processIdentifier = processIdentifier }
        try await waitUntilReady(processIdentifier, logFile: logFile)
    }

    /// A clean shutdown (`SIGTERM`): the server closes its connections and, if configured, saves.
    public func stop() async {
        await signalAndWait(SIGTERM)
    }

    /// A crash (`SIGKILL`): nothing is saved but what the append-only file already holds.
    public func kill() async {
        await signalAndWait(SIGKILL)
    }

    /// `stop()` then `start()`: the server comes back on the same port.
    public func restart() async throws {
        await stop()
        try await start()
    }

    /// Freezes the server (`SIGSTOP`): connections stay open but nothing is answered, as when a
    /// server hangs or the network drops packets. `resume()` undoes it.
    public func pause() {
        send(SIGSTOP)
    }

    public func resume() {
        send(SIGCONT)
    }

    private func arguments(logFile: URL) -> [String] {
        var arguments = [
            "--port", "\(port)", "--bind", host, "--dir", directory.path, "--logfile", logFile.path,
            "--daemonize", "no",
        ]
        switch options.persistence {
        case .none:
            arguments += ["--save", "", "--appendonly", "no"]
        case .appendOnly:
            arguments += ["--save", "", "--appendonly", "yes", "--appendfsync", "always"]
        case .snapshotOnShutdown:
            arguments += ["--save", "3600 1", "--appendonly", "no"]
        }
        if let password = options.password {
            arguments += ["--requirepass", password]
        }
        return arguments + options.extraArguments
    }

    private func waitUntilReady(_ processIdentifier: pid_t, logFile: URL) async throws {
        for _ in 0..<1_000 {
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            if log.contains("Ready to accept connections") {
                return
            }
            if reap(processIdentifier) {
                throw StartError(
                    description: "redis-server exited on port \(port): \(log.suffix(500))",
                    portWasTaken: log.contains("Address already in use"))
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw StartError(description: "redis-server on port \(port) was not ready within 10 s")
    }

    private func signalAndWait(_ signal: Int32) async {
        guard let processIdentifier = state.withLock({ $0.processIdentifier }) else { return }
        send(signal)
        while !reap(processIdentifier) {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    private func send(_ signal: Int32) {
        if let processIdentifier = state.withLock({ $0.processIdentifier }) {
            deliver(signal, to: processIdentifier)
        }
    }

    /// Collects the exit status of the server if it has exited; true when it is gone.
    private func reap(_ processIdentifier: pid_t) -> Bool {
        var status: Int32 = 0
        let result = waitpid(processIdentifier, &status, WNOHANG)
        guard result == processIdentifier || (result == -1 && errno == ECHILD) else { return false }
        state.withLock { state in
            if state.processIdentifier == processIdentifier {
                state.processIdentifier = nil
            }
        }
        return true
    }

    /// `posix_spawnp` with an empty signal mask and default handlers: a child started from a
    /// Dispatch worker thread would otherwise inherit its blocked signals and ignore `SIGTERM`.
    private static func spawn(_ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The server logs to its own file; it must not hold a parent's pipes open (a test
        // runner waits for their end), even if it outlives its parent.
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        for descriptor: Int32 in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_addopen(&fileActions, descriptor, "/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
        }
        var processIdentifier: pid_t = 0
        let result = posix_spawnp(&processIdentifier, arguments[0], &fileActions, &attributes, argv, environ)
        guard result == 0 else {
            throw StartError(description: "cannot start \(arguments[0]): \(String(cString: strerror(result)))")
        }
        return processIdentifier
    }
}


/// `kill(2)`, which `RedisServerProcess.kill()` hides inside the type.
private func deliver(_ signal: Int32, to processIdentifier: pid_t) {
    _ = kill(processIdentifier, signal)
}
