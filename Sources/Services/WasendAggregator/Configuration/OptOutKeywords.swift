/// The words that opt a recipient out of a portfolio's messages, and those that take it back.
///
/// A message opts out when its whole text, trimmed and compared without case (and without a
/// trailing `.` or `!`), is one of the words: "stop" ends a conversation, "please stop sending
/// me the newsletter" is left to people, as Meta's own STOP handling does.
public struct OptOutKeywords: Sendable, Hashable {
    public var stop: Set<String>
    public var resume: Set<String>

    /// English, Spanish, Portuguese, French, German, Italian, Dutch and Indonesian words.
    public static let defaultStop: Set<String> = [
        "stop", "unsubscribe", "cancel", "end", "quit", "opt out", "optout", "stop all",
        "parar", "pare", "alto", "baja", "darme de baja", "cancelar", "sair",
        "arrêt", "arret", "stopp", "abmelden", "basta", "annulla", "afmelden", "berhenti",
    ]
    public static let defaultResume: Set<String> = [
        "start", "unstop", "resume", "subscribe", "iniciar", "comenzar", "reanudar", "voltar", "démarrer",
        "demarrer", "anmelden", "mulai",
    ]

    public init(stop: Set<String> = OptOutKeywords.defaultStop, resume: Set<String> = OptOutKeywords.defaultResume) {
        self.stop = Set(stop.map(Self.normalised))
        self.resume = Set(resume.map(Self.normalised))
    }

    public enum Verdict: Sendable, Hashable {
        case stop, resume
    }

    /// What `text` asks for, `nil` when it is not one of the keywords.
    public func verdict(for text: String) -> Verdict? {
        guard text.utf8.count <= 64 else { return nil }
        let word = Self.normalised(text)
        if stop.contains(word) { return .stop }
        if resume.contains(word) { return .resume }
        return nil
    }

    static func normalised(_ text: String) -> String {
        var word = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while let last = word.last, last == "." || last == "!" {
            word.removeLast()
        }
        return word
    }
}
