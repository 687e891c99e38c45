import Testing

@testable import WasendCore

@Suite("Phone number normalisation")
struct PhoneNumberTests {
    @Test(
        "Valid numbers from several countries normalise to E.164 digits",
        arguments: [
            ("+49 151 2345 6789", "4915123456789", "49"),
            ("0049 (151) 234-56-789", "4915123456789", "49"),
            ("+1 (415) 555-0132", "14155550132", "1"),
            ("1.415.555.0132", "14155550132", "1"),
            ("+33 6 12 34 56 78", "33612345678", "33"),
            ("+44 7911 123456", "447911123456", "44"),
            ("+91 98765 43210", "919876543210", "91"),
            ("+55 11 91234-5678", "5511912345678", "55"),
            ("+971 50 123 4567", "971501234567", "971"),
            ("+234 803 123 4567", "2348031234567", "234"),
            ("+7 912 345-67-89", "79123456789", "7"),
            ("+290 22 123", "29022123", "290"),
            ("+٩٧١ ٥٠ ١٢٣ ٤٥٦٧", "971501234567", "971"),
            ("\t+62 812/3456/7890 ", "6281234567890", "62"),
        ])
    func valid(input: String, digits: String, countryCode: String) throws {
        let number = try PhoneNumber(parsing: input)
        #expect(number.digits == digits)
        #expect(number.countryCallingCode == countryCode)
        #expect(number.description == "+" + digits)
    }

    @Test(
        "Invalid numbers are refused with a reason",
        arguments: [
            ("", PhoneNumberError.empty),
            ("   ", .empty),
            ("- ( ) .", .empty),
            ("+", .tooShort),
            ("+1-800-FLOWERS", .invalidCharacters),
            ("+49 151 2345 678x", .invalidCharacters),
            ("49+1512345678", .invalidCharacters),
            ("++4915123456789", .invalidCharacters),
            ("+49 151 ½", .invalidCharacters),
            ("+49 151", .tooShort),
            ("+1 415", .tooShort),
            ("+49 1512 3456 7890 12", .tooLong),
            ("+4915123456789012", .tooLong),
            ("0151 2345 6789", .missingCountryCode),
            ("(030) 123456", .missingCountryCode),
            ("+0049 151 23456789", .missingCountryCode),
            ("000", .missingCountryCode),
            ("+999 1234 5678", .unknownCountryCode),
            ("+80012345678", .unknownCountryCode),
            ("2591234567", .unknownCountryCode),
        ])
    func invalid(input: String, reason: PhoneNumberError) {
        #expect(throws: reason) { try PhoneNumber(parsing: input) }
    }

    @Test("Fifteen digits is the E.164 maximum, seven the minimum")
    func lengthBoundaries() throws {
        #expect(try PhoneNumber(parsing: "+49 151 2345 6789 01").digits.count == 15)
        #expect(throws: PhoneNumberError.tooLong) { try PhoneNumber(parsing: "+49 151 2345 6789 012") }
        #expect(try PhoneNumber(parsing: "+290 1234").digits.count == 7)
        #expect(throws: PhoneNumberError.tooShort) { try PhoneNumber(parsing: "+290 123") }
    }

    @Test("E.164 digits from a record are checked, not rewritten")
    func e164Digits() throws {
        #expect(try PhoneNumber(e164Digits: "4915123456789").digits == "4915123456789")
        #expect(throws: PhoneNumberError.invalidCharacters) { try PhoneNumber(e164Digits: "+4915123456789") }
        #expect(throws: PhoneNumberError.invalidCharacters) { try PhoneNumber(e164Digits: "49 151 23456789") }
        #expect(throws: PhoneNumberError.missingCountryCode) { try PhoneNumber(e164Digits: "004915123456789") }
        #expect(throws: PhoneNumberError.empty) { try PhoneNumber(e164Digits: "") }
    }

    @Test("The country code table is a prefix code of 1 to 3 digits, as ITU assigns them")
    func countryCodeTable() {
        let codes = CountryCallingCodes.codes
        #expect(codes.count > 200)
        for code in codes {
            #expect((1...3).contains(code.count) && code.allSatisfy(\.isWholeNumber) && !code.hasPrefix("0"))
            for length in 1..<code.count {
                #expect(!codes.contains(code.prefix(length)), "\(code.prefix(length)) is a prefix of \(code)")
            }
        }
    }

    @Test("Every error code has a readable description")
    func descriptions() {
        for error in PhoneNumberError.allCases {
            #expect(!error.description.isEmpty)
        }
        #expect(PhoneNumberError.missingCountryCode.rawValue == "missing_country_code")
    }
}
