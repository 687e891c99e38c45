import CHiredis

/// Reusable `argv` / `argvlen` arrays for `redisAppendCommandArgv`, owned by one connection and used
/// only on its queue, so that appending a command allocates nothing on the Swift side.
final class RedisArgvBuffer {
    private var capacity: Int
    private var pointers: UnsafeMutablePointer<UnsafePointer<CChar>?>
    private var lengths: UnsafeMutablePointer<Int>
    /// The address given for arguments of length 0 when the pipeline's buffer is empty (it has none).
    private let emptyArgument = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    init(capacity: Int = 16) {
        self.capacity = capacity
        self.pointers = .allocate(capacity: capacity)
        self.lengths = .allocate(capacity: capacity)
    }

    deinit {
        pointers.deallocate()
        lengths.deallocate()
        emptyArgument.deallocate()
    }

    /// Copies every command of `pipeline` into hiredis' output buffer; nothing is written to the
    /// socket yet. Returns false only when hiredis cannot allocate.
    func appendCommands(of pipeline: RedisPipeline, to context: UnsafeMutablePointer<redisContext>) -> Bool {
        pipeline.bytes.withUnsafeBufferPointer { bytes in
            let base = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(emptyArgument))
            var argumentIndex = 0
            var start = 0
            for commandEnd in pipeline.commandEnds {
                let count = commandEnd - argumentIndex
                reserve(count)
                for slot in 0..<count {
                    let end = pipeline.argumentEnds[argumentIndex]
                    // UInt8 and CChar may alias each other.
                    pointers[slot] = (base + start).assumingMemoryBound(to: CChar.self)
                    lengths[slot] = end - start
                    start = end
                    argumentIndex += 1
                }
                guard redisAppendCommandArgv(context, Int32(count), pointers, lengths) == REDIS_OK else {
                    return false
                }
            }
            return true
        }
    }

    private func reserve(_ count: Int) {
        guard count > capacity else { return }
        let newCapacity = max(count, capacity * 2)
        pointers.deallocate()
        lengths.deallocate()
        pointers = .allocate(capacity: newCapacity)
        lengths = .allocate(capacity: newCapacity)
        capacity = newCapacity
    }
}
