import Foundation
import WasendCore

extension CampaignRecord {
    static func newID() -> String {
        "cmp_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}
