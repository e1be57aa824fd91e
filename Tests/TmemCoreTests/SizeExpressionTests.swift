import Testing
import TmemCore

@Suite struct SizeExpressionTests {
    @Test(arguments: [
        ("4096", UInt64(4096)), ("512M", 512 << 20), ("4G", 4 << 30), ("1.5G", 3 << 29),
        ("4g", 4 << 30), ("64k", 65536), ("2GiB", 2 << 30), ("1T", 1 << 40),
    ])
    func parsesAdminSizes(_ input: String, _ bytes: UInt64) throws {
        #expect(try SizeExpression(parsing: input) == .bytes(bytes))
    }

    @Test func percentResolvesAgainstRAM() throws {
        let s = try SizeExpression(parsing: "50%")
        #expect(s == .percentOfRAM(50))
        #expect(s.resolve(totalRAM: 8 << 30) == 4 << 30)
    }

    @Test(arguments: ["", "abc", "-1G", "12Q", "0%", "101%", "1.5", "2E", "999999999999T"])
    func rejectsNonsense(_ input: String) {
        #expect(throws: SizeExpression.ParseError.self) { try SizeExpression(parsing: input) }
    }
}
