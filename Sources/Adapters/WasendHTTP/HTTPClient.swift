import Foundation
import Logging

/// Wasend's HTTP client: libcurl's multi interface on one dedicated thread, with many requests
/// in flight, HTTP/1.1 keep-alive and HTTP/2 multiplexing.
///
/// The thread never touches Swift's cooperative pool: `execute` hands requests over through a
/// bounded hand-off and suspends until the thread resumes it. At most
/// ``Configuration/maxInFlight`` requests are admitted; callers beyond that wait, which is the
/// back-pressure the sender relies on.
///
/// Call ``shutdown(gracefully:)`` when done. A client released without it aborts what is pending.
public final class HTTPClient: Sendable {
    public let configuration: Configuration
    private let core: HTTPClientCore

    public init(
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "wasend.http")
    ) throws(HTTPClientError) {
        self.configuration = configuration
        let core = try HTTPClientCore(configuration: configuration, logger: logger)
        self.core = core
        let thread = Thread {
            CurlMultiLoop(core: core).run()
        }
        // Linux caps thread names at 15 bytes.
        thread.name = "wasend-curl"
        thread.start()
    }

    deinit {
        core.shutdown(gracefully: false, continuation: nil)
    }

    /// Sends `request` and returns its response, whatever its status.
    ///
    /// Throws ``HTTPClientError`` when no response arrived: timeouts, refused or broken
    /// connections, an invalid request, a shut-down client, or a cancelled task (which removes
    /// the transfer from curl at once).
    public func execute(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        try request.validate()
        let core = self.core
        let id = core.makeTransferID()
        let maxBodySize = configuration.maxResponseBodySize
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                core.submit(Transfer(id: id, request: request, maxBodySize: maxBodySize, continuation: continuation))
                // A cancellation that came before the submission found nothing to cancel.
                if Task.isCancelled {
                    core.cancel(id)
                }
            }
        } onCancel: {
            core.cancel(id)
        }
        return HTTPResponse(try outcome.get())
    }

    /// Requests submitted and not finished yet; lets tests wait for a known state instead of sleeping.
    var pendingRequestCount: Int {
        core.state.withLock { $0.pendingCount }
    }

    /// Stops the client. Gracefully, requests already submitted still complete and new ones fail;
    /// otherwise every pending request fails with ``HTTPClientError/Kind/shutdown`` at once.
    /// Returns when the curl thread has stopped.
    public func shutdown(gracefully: Bool = true) async {
        await withCheckedContinuation { continuation in
            core.shutdown(gracefully: gracefully, continuation: continuation)
        }
    }
}
