import NIOCore
import WasendCore

/// Turns an upload body, chunk by chunk, into recipients. Implementations keep only the
/// unfinished last row between chunks, which is what makes an upload of any size run in constant memory.
protocol RecipientRowParser {
    /// Rows completed by this chunk, in order.
    mutating func rows(in chunk: ByteBuffer) throws(APIError) -> [Recipient]
    /// The last row when the body does not end with a newline.
    mutating func finish() throws(APIError) -> [Recipient]
}

/// The longest row accepted; a longer one is rejected rather than buffered without bound.
let maximumRowBytes = 64 * 1024
