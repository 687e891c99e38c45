import WasendCore

extension APIError {
    /// Maps a decoding failure of a request body to a 400 that names the field.
    init(decoding error: DecodingError) {
        if error.isSyntaxError {
            self = .malformedJSON("the request body is not valid JSON")
            return
        }
        let field = error.fieldPath
        guard !field.isEmpty else {
            self.init(.badRequest, code: "invalid_field", message: "the body must be a JSON object")
            return
        }
        if case .keyNotFound = error {
            self = .missingField(field)
        } else {
            self = .invalidField(field, error.reason)
        }
    }
}
