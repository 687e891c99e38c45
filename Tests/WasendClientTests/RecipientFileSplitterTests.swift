import Testing
import WasendClient

@Suite("Recipient files cut into parts")
struct RecipientFileSplitterTests {
    @Test("CSV parts repeat the header and keep quoted line feeds inside their row")
    func csvParts() {
        let file = "phone,opt_in,note\n+1,true,\"two\nlines\"\n+2,true,b\n+3,true,c\n"
        var splitter = RecipientFileSplitter(format: .csv, rowsPerPart: 2)
        var parts = splitter.feed(Array(file.utf8))
        if let last = splitter.finish() { parts.append(last) }
        #expect(parts.map(\.rows) == [2, 1])
        #expect(parts.map(\.firstRow) == [1, 3])
        #expect(String(decoding: parts[0].bytes, as: UTF8.self) == "phone,opt_in,note\n+1,true,\"two\nlines\"\n+2,true,b\n")
        #expect(String(decoding: parts[1].bytes, as: UTF8.self) == "phone,opt_in,note\n+3,true,c\n")
    }

    @Test("the outcome does not depend on how the file is fed, and a last row without a line feed counts")
    func feedingInPieces() {
        let file = Array("{\"phone\":\"+1\"}\r\n\n{\"phone\":\"+2\"}\n{\"phone\":\"+3\"}".utf8)
        var whole = RecipientFileSplitter(format: .ndjson, rowsPerPart: 2)
        var expected = whole.feed(file)
        if let last = whole.finish() { expected.append(last) }
        var piecewise = RecipientFileSplitter(format: .ndjson, rowsPerPart: 2)
        var parts: [RecipientFilePart] = []
        for byte in file { parts += piecewise.feed([byte]) }
        if let last = piecewise.finish() { parts.append(last) }
        #expect(parts == expected)
        #expect(parts.map(\.rows) == [2, 1])
        #expect(parts.map(\.index) == [0, 1])
    }

    @Test("a file with only a header has no part")
    func headerOnly() {
        var splitter = RecipientFileSplitter(format: .csv, rowsPerPart: 10)
        #expect(splitter.feed(Array("phone,opt_in\n".utf8)).isEmpty)
        #expect(splitter.finish() == nil)
    }
}
