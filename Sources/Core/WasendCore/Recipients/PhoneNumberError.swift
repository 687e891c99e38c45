/// Why a phone number was refused; the raw value is the machine-readable code the API returns.
public enum PhoneNumberError: String, Error, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case empty = "empty"
    case invalidCharacters = "invalid_characters"
    case tooShort = "too_short"
    case tooLong = "too_long"
    /// The number is in national form (starts with a trunk `0`) or otherwise lacks a country code.
    case missingCountryCode = "missing_country_code"
    /// The leading digits are no ITU country calling code.
    case unknownCountryCode = "unknown_country_code"

    public var description: String {
        switch self {
        case .empty: "the phone number is empty"
        case .invalidCharacters: "the phone number contains characters other than digits, spaces, -, ., /, ( ) and a leading +"
        case .tooShort: "the phone number has too few digits"
        case .tooLong: "the phone number has more than \(PhoneNumber.maximumLength) digits"
        case .missingCountryCode: "the phone number has no country code (write it with + or 00 and the country code)"
        case .unknownCountryCode: "the phone number does not start with a known country calling code"
        }
    }
}
