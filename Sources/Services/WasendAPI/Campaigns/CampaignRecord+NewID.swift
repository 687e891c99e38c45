import Foundation
import WasendCore

extension CampaignRecord {
    /// A fresh campaign id: random, so ids never collide across API replicas.
    static func newID() -> String {
        "cmp_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}
