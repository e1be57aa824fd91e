import Testing
import TmemCore

/// Command-line sizes read as util-linux's strtosize reads them (lib/strutils.c parse_size): K M G T P E and
/// XiB binary, XB decimal, fractions only with a suffix, no sign; tmemctl's one deviation is decimal-only numbers.
/// Expected bytes are worked by hand (4 GB = 4 × 1000^3, 1.5 GiB = 3 × 2^29, ...).
@Suite struct SizeExpressionTests {
    static let sizes: [(String, UInt64)] = [
        ("4096", UInt64(4096)), ("512M", 512 << 20), ("4G", 4 << 30), ("1.5G", 3 << 29),
        ("4g", 4 << 30), ("64k", 65536), ("2GiB", 2 << 30), ("2gib", 2 << 30), ("1T", 1 << 40), ("1TiB", 1 << 40),
        ("0", 0), ("0M", 0), ("1E", 1 << 60), ("1PiB", 1 << 50),
        // Decimal suffixes: what `4GB` means in zramctl, lsblk and losetup.
        ("4GB", 4_000_000_000), ("4gb", 4_000_000_000), ("1KB", 1000), ("512MB", 512_000_000), ("1.5GB", 1_500_000_000),
        ("2TB", 2_000_000_000_000), ("0.5K", 512), ("1.25M", 1_310_720), ("0.001K", 1),
        // Decimal only: a leading zero is not octal (strtosize would read 010 as 8).
        ("010", 10), ("08M", 8 << 20),
    ]

    @Test(arguments: sizes)
    func parsesAdminSizes(_ input: String, _ bytes: UInt64) throws {
        #expect(try SizeExpression(parsing: input) == .bytes(bytes))
    }

    @Test func percentResolvesAgainstRAM() throws {
        let s = try SizeExpression(parsing: "50%")
        #expect(s == .percentOfRAM(50))
        #expect(s.resolve(totalRAM: 8 << 30) == 4 << 30)
        #expect(try SizeExpression(parsing: "12.5%") == .percentOfRAM(12.5))
        #expect(try SizeExpression(parsing: "100%") == .percentOfRAM(100))
    }

    @Test(arguments: ["", "abc", "12Q", "0%", "101%", "1.5", "2E", "999999999999T", "1Z", "1Y",
                      // not strtosize's forms: a bare B, Xi without B, capital I, exponents, hex, inner spaces
                      "512B", "4Gi", "4GIB", "4GiBs", "1e3", "0x10", "0x10M", "4 G", ".5G", "1.G",
                      // percentages parse like sizes: no exponent, hex, suffix or sign
                      "1e1%", "0x10%", "10K%", "+5%", "5.%", "inf%", "nan%"])
    func rejectsNonsense(_ input: String) {
        #expect(throws: SizeExpression.ParseError.self) { try SizeExpression(parsing: input) }
    }

    @Test(arguments: ["-1G", "-1", " -4096", "-5%", "-0"])
    func negativeSizesSaySo(_ input: String) {
        let e = #expect(throws: SizeExpression.ParseError.self) { try SizeExpression(parsing: input) }
        #expect(e?.reason == "a size must not be negative")
    }
}
