// The --faults grammar (pure parsing) and the sandbox's JSON parser/serializer.
import AmoSandbox
import Testing

@Suite struct FaultSpecTests {
    @Test func parsesEveryKindAndModifier() throws {
        let spec = try FaultSpec(parsing: "503:json@GET /api/v4/widgets%30,latency:200,reset@DELETE#1,truncate@/api/v4/users,content-type:text/plain,next-always,502,page-size:10")
        #expect(spec.rules == [
            FaultRule(kind: .status(503, html: false), method: "GET", pathPrefix: "/api/v4/widgets", probability: 0.3),
            FaultRule(kind: .latency(milliseconds: 200)),
            FaultRule(kind: .reset, method: "DELETE", limit: 1),
            FaultRule(kind: .truncate, pathPrefix: "/api/v4/users"),
            FaultRule(kind: .contentType("text/plain")),
            FaultRule(kind: .nextAlways),
            FaultRule(kind: .status(502, html: true)),
            FaultRule(kind: .pageSize(10)),
        ])
        #expect(try FaultSpec(parsing: "500@post/api/v4/widgets").rules[0].method == "POST")
        #expect(try FaultSpec(parsing: "500").rules[0].kind == .status(500, html: false))
    }

    @Test func parsesTheGatewayAndTokenStatusesAndNoContent() throws {
        let spec = try FaultSpec(parsing: "429,403,401,403:json,204@POST")
        #expect(spec.rules.map(\.kind) == [.status(429, html: true), .status(403, html: true), .status(401, html: false),
                                            .status(403, html: false), .noContent])
        #expect(spec.rules[4].method == "POST")
    }

    @Test(arguments: ["", "boom", "404", "204:json", "400", "latency", "latency:x", "reset:1", "500:xml", "500%101", "500#0", "500@", "500@GE1", "500,", "content-type:", "page-size", "page-size:0"])
    func rejectsBadRules(_ text: String) {
        #expect(throws: FaultSpecError.self) { try FaultSpec(parsing: text) }
    }

    @Test func parserKeepsOrderAndTellsIntegersFromFractions() throws {
        let v = try SandboxJSON.parse(#"{"b":1,"a":[2.5,"\u0416\ud83d\ude00",true,null],"c":{"x":-0}}"#)
        #expect(v.objectValue?.keys == ["b", "a", "c"])
        #expect(v["b"] == .int(1))
        #expect(v["a"]?.arrayValue?[0] == .double(2.5))
        #expect(v["a"]?.arrayValue?[1] == .string("Ж😀"))
        #expect(v.serialized() == #"{"b":1,"a":[2.5,"Ж😀",true,null],"c":{"x":0}}"#)
        #expect(SandboxJSON.string("a\"\\\n\u{1}").serialized() == #""a\"\\\n\u0001""#)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\":1,}", "01", "1.", "tru", "\"\\x\"", "\"\\ud800\"", "[1] 2", "{'a':1}", "\"\\u+041\"", String(repeating: "[", count: 300)])
    func parserRejectsInvalidJSON(_ text: String) {
        #expect(throws: JSONParseError.self) { try SandboxJSON.parse(text) }
    }

    @Test func parserRejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try SandboxJSON.parse([0x22, 0xFF, 0x22]) }
    }
}
