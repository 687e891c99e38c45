import Dispatch
import Synchronization
import Foundation

/// Reads a recipient file part by part. File reads block, so they run on a queue of their own,
/// never on Swift's cooperative pool.
public final class RecipientFileReader: Sendable {
    public let path: String
    public let format: RecipientFileFormat
    private let handle: FileHandle
    private let state: Mutex<State>
    private let queue = DispatchQueue(label: "wasend.client.file")
    private static let readSize = 1 << 20

    private struct State: Sendable {
        var splitter: RecipientFileSplitter
        var ready: [RecipientFilePart] = []
        var finished = false
    }

    public init(path: String, rowsPerPart: Int) throws(CampaignClientError) {
        let format = try RecipientFileFormat(path: path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CampaignClientError(kind: .invalidInput, message: "\(path): cannot open the file")
        }
        self.path = path
        self.format = format
        self.handle = handle
        self.state = Mutex(State(splitter: RecipientFileSplitter(format: format, rowsPerPart: rowsPerPart)))
    }

    deinit {
        try? handle.close()
    }

    /// The next part, or `nil` at the end of the file.
    public func nextPart() async throws(CampaignClientError) -> RecipientFilePart? {
        let result: Result<RecipientFilePart?, CampaignClientError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.readUntilPart())
            }
        }
        return try result.get()
    }

    /// Runs on `queue` only.
    private func readUntilPart() -> Result<RecipientFilePart?, CampaignClientError> {
        while true {
            let next: RecipientFilePart?? = state.withLock { state in
                if !state.ready.isEmpty { return .some(state.ready.removeFirst()) }
                if state.finished { return .some(nil) }
                return nil
            }
            if let next { return .success(next) }
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: Self.readSize) ?? Data()
            } catch {
                return .failure(CampaignClientError(kind: .invalidInput, message: "\(path): \(error.localizedDescription)"))
            }
            state.withLock { state in
                if chunk.isEmpty {
                    state.finished = true
                    if let last = state.splitter.finish() { state.ready.append(last) }
                } else {
                    state.ready.append(contentsOf: state.splitter.feed(chunk))
                }
            }
        }
    }
}
