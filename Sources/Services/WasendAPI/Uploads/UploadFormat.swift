import Hummingbird

/// The two upload formats, chosen by `Content-Type`.
enum UploadFormat {
    case csv, ndjson

    init(_ request: Request) throws(APIError) {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        switch mediaType {
        case "text/csv": self = .csv
        case "application/x-ndjson", "application/ndjson", "application/jsonl": self = .ndjson
        default:
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "send text/csv or application/x-ndjson", field: "Content-Type")
        }
    }
}
