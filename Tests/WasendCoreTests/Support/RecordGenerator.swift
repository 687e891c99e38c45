import WasendCore

/// Deterministic random records (SplitMix64, so a failing value can be found again) whose strings
/// mix what JSON must escape, what looks like it might, and non-ASCII text.
struct RecordGenerator: RandomNumberGenerator {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    mutating func next() -> UInt64 {
        random.next()
    }

    static let alphabet: [String] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{01}", "\u{1F}",
        "\u{7F}", "é", "€", "ß", "\u{2028}", "\u{2029}", "😀", "👩‍👩‍👧", "\u{FEFF}", "{", "}", "[", "]", ",", ":",
        "{{", "e\u{301}", "中", "\u{10FFFF}",
    ]

    mutating func string(maxLength: Int = 12) -> String {
        let length = Int.random(in: 0...maxLength, using: &self)
        return (0..<length).map { _ in Self.alphabet.randomElement(using: &self)! }.joined()
    }

    mutating func media() -> MediaReference {
        Bool.random(using: &self) ? .id(string()) : .link("https://cdn.example/" + string())
    }

    mutating func parameter() -> TemplateParameter {
        switch Int.random(in: 0..<7, using: &self) {
        case 0: .text(string())
        case 1:
            .currency(
                fallback: string(), code: string(maxLength: 3),
                amount1000: [Int64.min, -1, 0, 1, 1_500, Int64.max].randomElement(using: &self)!)
        case 2: .dateTime(fallback: string())
        case 3: .image(media())
        case 4: .document(media())
        case 5: .video(media())
        default: .payload(string())
        }
    }

    mutating func component() -> TemplateComponent {
        let parameters = (0..<Int.random(in: 0...4, using: &self)).map { _ in parameter() }
        switch Int.random(in: 0..<3, using: &self) {
        case 0: return .header(parameters)
        case 1: return .body(parameters)
        default:
            return .button(
                Bool.random(using: &self) ? .quickReply : .url, index: Int.random(in: 0...9, using: &self), parameters)
        }
    }

    mutating func message() -> MessageContent {
        if Int.random(in: 0..<4, using: &self) == 0 {
            return .text(TextMessage(body: string(maxLength: 40), previewURL: Bool.random(using: &self)))
        }
        return .template(
            TemplateMessage(
                name: string(), languageCode: string(maxLength: 5),
                components: (0..<Int.random(in: 0...4, using: &self)).map { _ in component() }))
    }

    mutating func job() throws -> SendJob {
        let recipient = try PhoneNumber(e164Digits: "49151" + String(Int.random(in: 1_000_000...9_999_999, using: &self)))
        return SendJob(
            jobID: JobID(campaignID: string(), recipient: recipient), campaignID: string(), phoneNumberID: string(),
            portfolioID: string(), recipient: recipient, category: MessageCategory.allCases.randomElement(using: &self)!,
            message: message(), attempt: Int.random(in: 1...Int.max, using: &self),
            notBefore: Bool.random(using: &self)
                ? Timestamp(millisecondsSinceEpoch: Int64.random(in: Int64.min...Int64.max, using: &self)) : nil,
            priority: Int.random(in: Int.min...Int.max, using: &self))
    }

    mutating func result() -> SendResult {
        switch Int.random(in: 0..<4, using: &self) {
        case 0:
            .accepted(
                wamid: "wamid." + string(),
                messageStatus: [.accepted, .heldForQualityAssessment, .paused].randomElement(using: &self)!)
        case 1:
            .failed(
                code: Int.random(in: -1...200_000, using: &self),
                errorClass: ErrorClass.allCases.randomElement(using: &self)!,
                details: Bool.random(using: &self) ? string(maxLength: 30) : nil)
        case 2: .skipped(SendResult.SkipReason.allCases.randomElement(using: &self)!)
        default:
            .deferred(
                limit: SendLimit.allCases.randomElement(using: &self)!,
                notBefore: Timestamp(millisecondsSinceEpoch: Int64.random(in: 0...Int64.max, using: &self)))
        }
    }
}
