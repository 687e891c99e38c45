@preconcurrency import Glibc
import Foundation
import Logging
import WasendOperations

extension Wasend {
    /// Process-wide set-up before any command runs.
    ///
    /// Standard output is line-buffered, so progress and announcements reach a pipe (a CI log,
    /// `tee`, a supervisor) as they happen rather than when a block fills or the process exits.
    /// Logs are JSON lines when standard error is not a terminal (containers, CI, log shippers) and
    /// readable text on a terminal; `WASEND_LOG_FORMAT=json|text` overrides the guess and
    /// `WASEND_LOG_LEVEL` (trace…critical, default info) sets the level.
    static func main() async {
        setvbuf(stdout, nil, _IOLBF, 0)
        let environment = ProcessInfo.processInfo.environment
        let json = environment["WASEND_LOG_FORMAT"].map { $0 == "json" } ?? (isatty(STDERR_FILENO) == 0)
        let level = environment["WASEND_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        await main(nil)
    }
}
