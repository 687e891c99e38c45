/// A phone number in E.164 form: the country calling code and the national number, digits only,
/// without the `+` (the form the Cloud API's `to` field and `wa_id` use).
///
/// The only ways to make one check the number, so a `PhoneNumber` in a job is always well formed.
public struct PhoneNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// E.164 allows at most 15 digits, country code included.
    public static let maximumLength = 15
    /// The shortest international numbers in use (Saint Helena, Niue, Tokelau) have 7 digits.
    public static let minimumLength = 7

    public let digits: String

    /// Checks digits that are already in E.164 form, as read from a job or a `wa_id`.
    public init(e164Digits digits: String) throws(PhoneNumberError) {
        guard !digits.isEmpty else { throw .empty }
        guard digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw .invalidCharacters
        }
        try self.init(checkedDigits: digits)
    }

    /// Normalises a number as a person typed it: `+49 (151) 234-56.78`, `0049 151 2345678`
    /// and `491512345678` all give `491512345678`.
    ///
    /// Spaces, dashes, dots, slashes and parentheses are dropped; a leading `+` or `00` marks the
    /// international prefix; any Unicode decimal digit counts as a digit. A number that still starts
    /// with `0` is in national form (a trunk prefix), so its country is unknown and it is refused
    /// rather than guessed.
    public init(parsing input: String) throws(PhoneNumberError) {
        var digits = ""
        var sawPlus = false
        var sawDigit = false
        for scalar in input.unicodeScalars {
            switch scalar {
            case " ", "\t", "\u{00A0}", "\u{202F}", "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", ".",
                "/", "(", ")":
                continue
            case "+" where !sawPlus && !sawDigit:
                sawPlus = true
            case "0"..."9":
                // ASCII digits, nearly every input, skip the Unicode property lookups below.
                digits.unicodeScalars.append(scalar)
                sawDigit = true
                guard digits.utf8.count <= Self.maximumLength + 2 else { throw .tooLong }
            default:
                guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
                    let digit = Int(exactly: value), (0...9).contains(digit)
                else { throw .invalidCharacters }
                digits.append(Character(String(digit)))
                sawDigit = true
                // Room for a `00` prefix; more cannot be a phone number, however long the input.
                guard digits.utf8.count <= Self.maximumLength + 2 else { throw .tooLong }
            }
        }
        guard sawDigit else { throw sawPlus ? .tooShort : .empty }
        if !sawPlus, digits.hasPrefix("00") {
            digits.removeFirst(2)
        }
        try self.init(checkedDigits: digits)
    }

    private init(checkedDigits digits: String) throws(PhoneNumberError) {
        guard !digits.hasPrefix("0") else { throw .missingCountryCode }
        // ASCII digits only by now: UTF-8 bytes count the digits without walking grapheme clusters.
        let count = digits.utf8.count
        guard count <= Self.maximumLength else { throw .tooLong }
        guard CountryCallingCodes.prefix(of: digits) != nil else {
            throw count < Self.minimumLength ? .tooShort : .unknownCountryCode
        }
        guard count >= Self.minimumLength else { throw .tooShort }
        self.digits = digits
    }

    /// The ITU country calling code the number starts with, e.g. `"1"`, `"49"`, `"971"`.
    public var countryCallingCode: String {
        // Every PhoneNumber was checked against the table when it was made.
        String(digits.prefix(CountryCallingCodes.prefix(of: digits)?.count ?? 0))
    }

    /// `+` and the digits, the form people read.
    public var description: String { "+" + digits }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let digits = try container.decode(String.self)
        do {
            try self.init(e164Digits: digits)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an E.164 phone number: \(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
