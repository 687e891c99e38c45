/// The kind of button a ``Template/Component`` fills.
public enum TemplateButtonSubType: String, Sendable, Codable {
    case quickReply = "quick_reply"
    case url
}
