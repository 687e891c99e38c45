import Foundation
import WasendCore

extension Timestamp {
    /// The wall clock, read at the edge: the core types never read a clock themselves.
    public static var current: Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1_000).rounded()))
    }
}
