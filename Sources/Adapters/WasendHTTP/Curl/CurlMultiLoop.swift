import CCurl
import CCurlShim
import Logging

/// The body of the client's dedicated thread: it owns the multi handle's transfers and drives
/// them with `curl_multi_perform` / `curl_multi_info_read`, sleeping in `curl_multi_poll` until
/// a socket, a timer or `curl_multi_wakeup` needs it. Nothing here runs on Swift's cooperative pool.
final class CurlMultiLoop {
    private let core: HTTPClientCore
    private let multi: UnsafeMutableRawPointer
    private var running: [Transfer.ID: Transfer] = [:]
    /// Handles of finished transfers, kept for the next ones; bounded by `maxInFlight`, the most
    /// that can ever be in use at once.
    private var idleHandles: [EasyHandle] = []
    private let maxIdleHandles: Int
    // Buffers reused on every pass, so the steady state allocates nothing here.
    private var newTransfers: [Transfer] = []
    private var cancellations: [Transfer.ID] = []
    private var finished: [(transfer: Transfer, outcome: Result<CompletedTransfer, HTTPClientError>)] = []

    /// How long `curl_multi_poll` sleeps at most when nothing wakes it; curl shortens it to its
    /// own next timeout.
    private static let pollTimeoutMilliseconds: Int32 = 1000

    init(core: HTTPClientCore) {
        self.core = core
        self.multi = core.multi.raw
        self.maxIdleHandles = max(1, core.configuration.maxInFlight)
    }

    func run() {
        core.logger.debug("HTTP client thread started")
        while true {
            let aborting = core.state.withLock {
                $0.takeWork(transfers: &newTransfers, cancellations: &cancellations)
            }
            startNewTransfers()
            for id in cancellations {
                if let transfer = running[id] {
                    finish(transfer, .failure(.taskCancelled))
                }
            }
            cancellations.removeAll(keepingCapacity: true)
            if aborting {
                for transfer in running.values {
                    finish(transfer, .failure(.clientShutDown))
                }
            }

            var stillRunning: Int32 = 0
            let performed = curl_multi_perform(multi, &stillRunning)
            if performed != CURLM_OK {
                core.logger.error("curl_multi_perform failed", metadata: ["error": "\(String(cString: curl_multi_strerror(performed)))"])
            }
            collectFinishedTransfers()

            let finishedCount = finished.count
            let next = core.state.withLock { $0.transfersFinished(finishedCount) }
            resumeFinished()
            switch next {
            case .proceed:
                continue
            case .poll:
                curl_multi_poll(multi, nil, 0, Self.pollTimeoutMilliseconds, nil)
            case .exit:
                stop()
                return
            }
        }
    }

    private func startNewTransfers() {
        for transfer in newTransfers {
            guard let handle = idleHandles.popLast() ?? EasyHandle() else {
                finished.append((transfer, .failure(HTTPClientError(kind: .transport, message: "curl_easy_init failed"))))
                continue
            }
            do {
                try handle.prepare(for: transfer, configuration: core.configuration)
            } catch {
                recycle(handle)
                finished.append((transfer, .failure(error)))
                continue
            }
            let added = curl_multi_add_handle(multi, handle.raw)
            guard added == CURLM_OK else {
                recycle(handle)
                let message = "curl_multi_add_handle failed: \(String(cString: curl_multi_strerror(added)))"
                finished.append((transfer, .failure(HTTPClientError(kind: .transport, message: message))))
                continue
            }
            transfer.easyHandle = handle
            running[transfer.id] = transfer
        }
        newTransfers.removeAll(keepingCapacity: true)
    }

    private func collectFinishedTransfers() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE else { continue }
            var context: UnsafeMutablePointer<CChar>?
            guard wasend_curl_easy_getinfo_string(message.pointee.easy_handle, CURLINFO_PRIVATE, &context) == CURLE_OK,
                let context
            else { continue }
            let transfer = Unmanaged<Transfer>.fromOpaque(UnsafeRawPointer(context)).takeUnretainedValue()
            let code = message.pointee.data.result
            let outcome: Result<CompletedTransfer, HTTPClientError>
            if let handle = transfer.easyHandle {
                if code == CURLE_OK {
                    outcome = .success(handle.completedTransfer(head: transfer.head, body: transfer.body))
                } else if transfer.resendRefused {
                    outcome = .failure(HTTPClientError(
                        kind: .connectionReset, curlCode: Int(code.rawValue),
                        message: "the reused connection closed without an answer after the request went out; not sent again"))
                } else if transfer.exceededSizeLimit {
                    outcome = .failure(HTTPClientError(
                        kind: .responseTooLarge, curlCode: Int(code.rawValue),
                        message: "the response exceeded \(transfer.maxBodySize) bytes"))
                } else {
                    outcome = .failure(handle.error(for: code))
                }
            } else {
                outcome = .failure(HTTPClientError(kind: .transport, message: "transfer finished without a handle"))
            }
            finish(transfer, outcome)
        }
    }

    /// Detaches `transfer` from curl and queues its outcome; the continuation is resumed later,
    /// with the others of this pass.
    private func finish(_ transfer: Transfer, _ outcome: Result<CompletedTransfer, HTTPClientError>) {
        running[transfer.id] = nil
        if let handle = transfer.easyHandle {
            curl_multi_remove_handle(multi, handle.raw)
            transfer.easyHandle = nil
            recycle(handle)
        }
        finished.append((transfer, outcome))
    }

    private func recycle(_ handle: EasyHandle) {
        guard idleHandles.count < maxIdleHandles else { return }
        handle.reset()
        idleHandles.append(handle)
    }

    private func resumeFinished() {
        for (transfer, outcome) in finished {
            transfer.complete(with: outcome)
        }
        finished.removeAll(keepingCapacity: true)
    }

    private func stop() {
        idleHandles.removeAll()
        let waiters = core.state.withLock { $0.threadStopped() }
        core.logger.debug("HTTP client thread stopped")
        for waiter in waiters {
            waiter.resume()
        }
    }
}
