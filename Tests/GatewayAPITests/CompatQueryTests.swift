import Testing

@testable import GatewayAPI

@Suite("CompatQuery")
struct CompatQueryTests {
    static let names: Set<String> = ["mobile", "passkey", "notify", "e-notify", "out", "cn"]

    @Test("real clients' query strings")
    func realClients() {
        // The reference's own example: raw $ and @, a bare `out`.
        let reference = CompatQuery(
            "mobile=9920123456&passkey=RA$63AF2BAE-A1f2-11S2-B32F-36F93F4SCB0G&notify=http://engine.dial2verify.in/Integ/CatchAll.dvf&e-notify=ops@example.com&out",
            knownNames: Self.names
        )
        #expect(reference["passkey"] == "RA$63AF2BAE-A1f2-11S2-B32F-36F93F4SCB0G")
        #expect(reference["notify"] == "http://engine.dial2verify.in/Integ/CatchAll.dvf")
        #expect(reference["e-notify"] == "ops@example.com")
        #expect(reference["out"] == "" && reference.nonEmpty("out") == nil)
        // An unencoded notify URL with its own query, parameters in another order, names in any case.
        let messy = CompatQuery("OUT=JSON&Notify=crm.example.com/hook?a=1&b=2&Mobile=%2B919920123456&PassKey=RA%2463AF", knownNames: Self.names)
        #expect(messy["notify"] == "crm.example.com/hook?a=1&b=2")
        #expect(messy["mobile"] == "+919920123456")
        #expect(messy["passkey"] == "RA$63AF")
        #expect(messy["out"] == "JSON")
        // A raw plus stays a plus; broken escapes are kept as they are.
        let raw = CompatQuery("mobile=+919920123456&notify=http://x/%zz%4", knownNames: Self.names)
        #expect(raw["mobile"] == "+919920123456" && raw["notify"] == "http://x/%zz%4")
        #expect(CompatQuery(nil, knownNames: Self.names).values.isEmpty)
        #expect(CompatQuery("junk&=&&", knownNames: Self.names).values.isEmpty)
    }

    @Test("JSON as the original wrote it: keys in order, slashes escaped")
    func orderedJSON() {
        let json = OrderedJSON([
            ("APIStatus", .string("Success")), ("ImageUrl", .string("http://h/i.png")), ("Verified", .int(1)), ("Q", .string("a\"b\n")),
        ])
        #expect(json.text == #"{"APIStatus":"Success","ImageUrl":"http:\/\/h\/i.png","Verified":1,"Q":"a\"b\n"}"#)
    }
}
