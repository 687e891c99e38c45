import Testing

@testable import WasendHTTP

struct HTTPHeadersTests {
    @Test func parsesTheFinalResponseHeadBlock() {
        let head = Array("HTTP/2 200 \r\ncontent-type: application/json\r\nSet-Cookie: a=1\r\nset-cookie:  b=2 \r\nbroken line\r\n\r\n".utf8)
        let headers = HTTPHeaders(parsingResponseHead: head)
        #expect(headers.count == 3)
        #expect(headers["Content-Type"] == "application/json")
        #expect(headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
        #expect(headers["missing"] == nil)
    }

    @Test func replaceOrAddKeepsOneField() {
        var headers: HTTPHeaders = ["Authorization": "Bearer old", "authorization": "Bearer older"]
        headers.replaceOrAdd(name: "Authorization", value: "Bearer new")
        #expect(headers.values(for: "authorization") == ["Bearer new"])
    }

    @Test func durationsBecomeCurlMilliseconds() {
        #expect(Duration.milliseconds(1500).clampedMilliseconds == 1500)
        #expect(Duration.microseconds(10).clampedMilliseconds == 1)
        #expect(Duration.zero.clampedMilliseconds == 1)
        #expect(Duration.seconds(-3).clampedMilliseconds == 1)
        #expect(Duration.seconds(Int64.max).clampedMilliseconds == Int(Int32.max))
    }
}
