import NIOCore
import Testing
import WasendCore

@testable import WasendAPI

@Suite struct RecipientParserTests {
    /// Feeds `text` in chunks of `chunkSize` bytes, so rows and quoted fields straddle chunk borders.
    private func parse(_ parser: inout some RecipientRowParser, _ text: String, chunkSize: Int) throws -> [Recipient] {
        let bytes = Array(text.utf8)
        var rows: [Recipient] = []
        for start in stride(from: 0, to: bytes.count, by: chunkSize) {
            rows += try parser.rows(in: ByteBuffer(bytes: bytes[start..<min(start + chunkSize, bytes.count)]))
        }
        return rows + (try parser.finish())
    }

    @Test(arguments: [1, 3, 7, 4096])
    func csvWithQuotesAcrossChunks(chunkSize: Int) throws {
        var parser = CSVRecipientParser()
        let csv = "\u{FEFF}phone,opt_in,first_name,city\r\n+14155550100,true,Ada,\"San Francisco, CA\"\r\n\n4155550101,no,\"Bob \"\"B\"\"\",\"multi\nline\"\n+4930123,1,,Berlin"
        let rows = try parse(&parser, csv, chunkSize: chunkSize)
        #expect(rows == [
            Recipient(phone: "+14155550100", variables: ["first_name": "Ada", "city": "San Francisco, CA"], optedIn: true),
            Recipient(phone: "4155550101", variables: ["first_name": "Bob \"B\"", "city": "multi\nline"], optedIn: false),
            Recipient(phone: "+4930123", variables: ["first_name": "", "city": "Berlin"], optedIn: true),
        ])
    }

    @Test func csvWrongColumnCountNamesTheRow() {
        var parser = CSVRecipientParser()
        let csv = "phone,opt_in,first_name\n+14155550100,true,Ada\n+14155550101,true\n"
        #expect(throws: APIError.invalidRow(3, "expected 3 columns, found 2")) {
            try parse(&parser, csv, chunkSize: 5)
        }
    }

    @Test func csvBadHeaderAndBadOptIn() {
        var header = CSVRecipientParser()
        #expect(throws: APIError.invalidRow(1, "the header row must start with phone,opt_in")) {
            try parse(&header, "number,first_name\n1,2\n", chunkSize: 100)
        }
        var optIn = CSVRecipientParser()
        #expect(throws: APIError.invalidRow(2, "opt_in must be true or false")) {
            try parse(&optIn, "phone,opt_in\n+1415,maybe\n", chunkSize: 100)
        }
        var empty = CSVRecipientParser()
        #expect(throws: APIError.self) { try parse(&empty, "", chunkSize: 100) }
    }

    @Test(arguments: [1, 5, 4096])
    func ndjsonAcrossChunks(chunkSize: Int) throws {
        var parser = NDJSONRecipientParser()
        let text = "{\"phone\":\"+14155550100\",\"opt_in\":true,\"variables\":{\"name\":\"Ada\"}}\r\n\n  \n{\"phone\":\"+14155550101\",\"opt_in\":false}"
        let rows = try parse(&parser, text, chunkSize: chunkSize)
        #expect(rows == [
            Recipient(phone: "+14155550100", variables: ["name": "Ada"], optedIn: true),
            Recipient(phone: "+14155550101", optedIn: false),
        ])
    }

    @Test func ndjsonErrorsNameTheLine() {
        var syntax = NDJSONRecipientParser()
        #expect(throws: APIError.invalidRow(2, "is not valid JSON")) {
            try parse(&syntax, "{\"phone\":\"1\",\"opt_in\":true}\n{\"phone\":\n", chunkSize: 3)
        }
        var missing = NDJSONRecipientParser()
        #expect(throws: APIError.invalidRow(1, "opt_in is required")) {
            try parse(&missing, "{\"phone\":\"1\"}\n", chunkSize: 64)
        }
        var wrongType = NDJSONRecipientParser()
        #expect(throws: APIError.invalidRow(3, "opt_in must be a boolean")) {
            try parse(&wrongType, "\n\n{\"phone\":\"1\",\"opt_in\":\"yes\"}", chunkSize: 64)
        }
    }

    @Test func overlongRowIsRejectedNotBuffered() {
        var parser = NDJSONRecipientParser()
        let line = "{\"phone\":\"" + String(repeating: "1", count: maximumRowBytes) + "\",\"opt_in\":true}"
        #expect(throws: APIError.invalidRow(1, "longer than \(maximumRowBytes) bytes")) {
            try parse(&parser, line, chunkSize: 1000)
        }
    }
}
