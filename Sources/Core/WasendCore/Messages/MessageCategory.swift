/// Meta's template categories. They decide pricing, which limits apply (the per-user marketing
/// limit touches only marketing) and whether an opt-out must be honoured.
public enum MessageCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case marketing = "MARKETING"
    case utility = "UTILITY"
    case authentication = "AUTHENTICATION"
}
