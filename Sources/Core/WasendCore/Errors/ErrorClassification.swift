/// Meta's error codes mapped to advice (FACTS.md, "Error classes"). Branch on the code, never on
/// the HTTP status or the message text: the same status carries codes of every class.
public enum ErrorClassification {
    /// The advice for a Cloud API error `code`, whether it came in an HTTP response or a failed
    /// status webhook.
    ///
    /// A code this table does not know fails the message for good (with its code kept), so a new
    /// code shows up in reports instead of being retried blindly.
    public static func advice(forCode code: Int) -> ErrorAdvice {
        switch code {
        // Throttled.
        case 4, 613:
            ErrorAdvice(errorClass: .throttled, scope: .app, retryTiming: .exponential, minimumRetryDelay: .seconds(60))
        case 80007:
            ErrorAdvice(
                errorClass: .throttled, scope: .portfolio, retryTiming: .exponential, minimumRetryDelay: .seconds(60))
        case 130429:
            ErrorAdvice(
                errorClass: .throttled, scope: .phoneNumber, retryTiming: .exponential, minimumRetryDelay: .seconds(1))
        case 131056:
            ErrorAdvice(
                errorClass: .throttled, scope: .recipient, retryTiming: .powersOfFour, minimumRetryDelay: .seconds(4))
        case 131048:
            ErrorAdvice(
                errorClass: .throttled, scope: .portfolio, retryTiming: .exponential, minimumRetryDelay: .seconds(60))

        // Transient.
        case 1, 2, 131000, 131016, 133004, 2_494_100:
            transient
        case 131057:
            ErrorAdvice(
                errorClass: .transient, scope: .phoneNumber, retryTiming: .exponential,
                minimumRetryDelay: .seconds(60))

        // Stop the sender.
        case 0, 3, 10, 190, 200...299:
            ErrorAdvice(errorClass: .stopSender, scope: .app, retryTiming: .afterResume)
        case 368, 131031:
            ErrorAdvice(errorClass: .stopSender, scope: .phoneNumber, retryTiming: .afterResume)
        case 131042, 131064:
            ErrorAdvice(errorClass: .stopSender, scope: .portfolio, retryTiming: .afterResume)

        // Permanent for this message.
        case 131049:
            ErrorAdvice(
                errorClass: .permanent, scope: .recipient, retryTiming: .never, minimumRetryDelay: .seconds(24 * 3600))
        case 131050:
            ErrorAdvice(errorClass: .permanent, scope: .recipient, optsOut: true, retryTiming: .never)
        case 131021, 131026, 131047, 130472, 130497:
            ErrorAdvice(errorClass: .permanent, scope: .recipient, retryTiming: .never)
        case 132000...132016:
            ErrorAdvice(errorClass: .permanent, scope: .template, retryTiming: .never)
        case 133010:
            ErrorAdvice(errorClass: .permanent, scope: .phoneNumber, retryTiming: .never)
        default:
            // 100, 131008, 131009, 131051, 131053 (this message's content), and every unknown code.
            ErrorAdvice(errorClass: .permanent, scope: .message, retryTiming: .never)
        }
    }

    /// Advice from the HTTP status alone, for responses without a parseable error body (a proxy's
    /// 502 page, a bare 429). `nil` when the status says nothing useful; a body's `code` always wins.
    public static func advice(forHTTPStatus status: Int) -> ErrorAdvice? {
        switch status {
        case 429:
            ErrorAdvice(errorClass: .throttled, scope: .app, retryTiming: .exponential, minimumRetryDelay: .seconds(1))
        case 408, 500...599:
            transient
        default:
            nil
        }
    }

    /// Timeouts, connection resets and failed name resolution: the request may not have reached
    /// Meta, so the job is retried (the send ledger and the webhook keep that from sending twice).
    public static var transportFailure: ErrorAdvice { transient }

    private static var transient: ErrorAdvice {
        ErrorAdvice(errorClass: .transient, scope: .message, retryTiming: .exponential)
    }
}
