import Testing
import TmemCore

/// The size language against independent expected values: fasteval 0.2.4's own tests and documentation
/// (Debian's librust-fasteval-dev, tests/eval.rs, tests/parse.rs, tests/from_3rd.rs, src/lib.rs), zram-generator's
/// size tests (src/config.rs), and answers of the real zram-generator 1.1.2 binary run by
/// scripts/zram-generator-oracle (marked "1.1.2").
@Suite struct SizeFormulaTests {
    enum Namespace { case empty, xyz, three, custom }
    enum Expected: Equatable { case value(Double), nan, undefined(String) }

    static func lookup(_ ns: Namespace) -> (String, [Double]) -> Double? {
        switch ns {
        case .empty: return { _, _ in nil }
        case .xyz: return { n, a in a.isEmpty ? ["x": 1, "y": 2, "z": 3][n] : nil }
        case .three: return { _, _ in 3 }
        case .custom:
            return { n, a in
                switch n {
                case "x": return 1
                case "y": return 2
                case "z": return 3
                case "foo": return (a.first ?? .nan) * 10
                case "bar": return (a.count > 0 ? a[0] : .nan) + (a.count > 1 ? a[1] : .nan)
                default: return nil
                }
            }
        }
    }

    /// tests/eval.rs, every case that does not need fasteval's alpha-keywords feature (zram-generator builds
    /// without it).
    static let evalCases: [(String, Namespace, Expected)] = [
        ("3+3-3/3", .xyz, .value(5.0)),
        ("x+y+z", .xyz, .value(6.0)),
        ("x+y+z+a", .xyz, .undefined("a")),
        ("123.456", .empty, .value(123.456)),
        ("12.34 + 43.21 + 11.11", .empty, .value(66.66)),
        ("12.34 + 43.21 - 11.11", .empty, .value(44.44)),
        ("11.11 * 3", .empty, .value(33.33)),
        ("33.33 / 3", .empty, .value(11.11)),
        ("33.33 % 3", .empty, .value(0.3299999999999983)),
        ("1 && 2", .empty, .value(2.0)),
        ("2 || 0", .empty, .value(2.0)),
        ("1 > 0", .empty, .value(1.0)),
        ("1 < 0", .empty, .value(0.0)),
        ("+5.5", .empty, .value(5.5)),
        ("-5.5", .empty, .value(-5.5)),
        ("!5.5", .empty, .value(0.0)),
        ("!0", .empty, .value(1.0)),
        ("(3 * 3 + 3 / 3)", .empty, .value(10.0)),
        ("(3 * (3 + 3) / 3)", .empty, .value(6.0)),
        ("4.4 + -5.5", .empty, .value(-1.0999999999999996)),
        ("4.4 + +5.5", .empty, .value(9.9)),
        ("x + 1", .empty, .undefined("x")),
        ("x + 1", .three, .value(4.0)),
        ("1.2 + int(3.4)", .three, .value(4.2)),
        ("1.2 + ceil(3.4)", .three, .value(5.2)),
        ("1.2 + floor(3.4)", .three, .value(4.2)),
        ("1.2 + abs(-3.4)", .three, .value(4.6)),
        ("1.2 + log(1)", .three, .value(1.2)),
        ("1.2 + log(10)", .three, .value(2.2)),
        ("1.2 + log(0)", .three, .value(-.infinity)),
        ("1.2 + log(-1)", .three, .nan),
        ("1.2 + round(3.4)", .three, .value(4.2)),
        ("1.2 + round(0.5, 3.4)", .three, .value(4.7)),
        ("1.2 + round(-3.4)", .three, .value(-1.8)),
        ("1.2 + round(0.5, -3.4)", .three, .value(-2.3)),
        ("1.2 + min(1,2,0,3.3,-1)", .three, .value(0.19999999999999996)),
        ("1.2 + min(1)", .three, .value(2.2)),
        ("1.2 + max(1,2,0,3.3,-1)", .three, .value(4.5)),
        ("1.2 + max(1)", .three, .value(2.2)),
        ("e()", .three, .value(2.718281828459045)),
        ("pi()", .three, .value(3.141592653589793)),
        ("sin(pi()/2)", .three, .value(1.0)),
        ("cos(pi()/2)", .three, .value(0.00000000000000006123233995736766)),
        ("tan(pi()/4)", .three, .value(0.9999999999999999)),
        ("asin(1)", .three, .value(1.5707963267948966)),
        ("acos(0)", .three, .value(1.5707963267948966)),
        ("atan(1)", .three, .value(0.7853981633974483)),
        ("sinh(pi()/2)", .three, .value(2.3012989023072947)),
        ("cosh(pi()/2)", .three, .value(2.5091784786580567)),
        ("tanh(pi()/4)", .three, .value(0.6557942026326724)),
        ("(-1) ^ 0.5", .empty, .nan),
        ("x + 1.5", .custom, .value(2.5)),
        ("x() + 1.5", .custom, .value(2.5)),
        ("x(1,2,3) + 1.5", .custom, .value(2.5)),
        ("x(x,y,z) + 1.5", .custom, .value(2.5)),
        ("x(x,x,x) + 1.5", .custom, .value(2.5)),
        ("x(1.0) + x(1.1) + x(1.0) + x(1.1)", .custom, .value(4.0)),
        ("foo(1.23)", .custom, .value(12.3)),
        ("bar(1.23, 3.21)", .custom, .value(4.4399999999999995)),
        ("bar(1.23)", .custom, .nan),
        // src/lib.rs documentation.
        ("1+2*3/4^5%6 + log(100K) + log(e(),100) + [3*(3-3)/3] + (2<3) && 1.23", .empty, .value(1.23)),
        ("round(1.23456) == 1  &&  round(0.001, 1.23456) == 1.235", .empty, .value(1)),
        ("min(1, -2, 3, -4) == -4", .empty, .value(1)),
        ("max(1, -2, 3, -4) == 3", .empty, .value(1)),
        ("log(100) + log(e(), 100)", .empty, .value(2 + 4.605170185988092)),
        // Arguments are evaluated before the call is looked up.
        ("sum(x^2, y^2)^0.5 + data[0]", .empty, .undefined("x")),
        // tests/from_3rd.rs
        ("e", .empty, .undefined("e")),
        ("round(sin (pi()) * cos(0))", .empty, .value(0)),
        ("max(1.)", .empty, .value(1)),
        ("max(1., 2., -1)", .empty, .value(2)),
        // tests/parse.rs constants
        (".34", .empty, .value(0.34)),
        ("12.", .empty, .value(12)),
        ("12.34k", .empty, .value(12340)),
        ("12.34K", .empty, .value(12340)),
        ("12.34M", .empty, .value(12340000)),
        ("12.34G", .empty, .value(12340000000)),
        ("12.34T", .empty, .value(12340000000000)),
        ("12.34m", .empty, .value(0.01234)),
        ("12.34u", .empty, .value(1.234e-5)),
        ("12.34µ", .empty, .value(1.234e-5)),
        ("12.34n", .empty, .value(1.234e-8)),
        ("12.34p", .empty, .value(1.234e-11)),
        ("12.34e56", .empty, .value(1.234e57)),
        ("12.34E+56", .empty, .value(1.234e57)),
        ("-12.34E-56", .empty, .value(-1.234e-55)),
        // zram-generator 1.1.2 binary (disksize / 1048576 with ram = 7825).
        ("8/4%3", .empty, .value(8)),
        ("2^3^2", .empty, .value(512)),
        ("1+2*3/4^5%6", .empty, .value(2.5)),
        ("min(1, 0/0)", .empty, .value(1)),
        ("min(0/0, 1)", .empty, .nan),
        ("print(1)", .empty, .value(1)),
        ("inf", .empty, .undefined("inf")),
        ("info", .empty, .undefined("info")),
    ]

    @Test(arguments: 0..<evalCases.count)
    func fastevalCase(_ i: Int) throws {
        let (text, ns, expected) = Self.evalCases[i]
        let f = try SizeFormula(parsing: text)
        switch expected {
        case .value(let v): #expect(try f.evaluate(Self.lookup(ns)) == v, "\(text)")
        case .nan: #expect(try f.evaluate(Self.lookup(ns)).isNaN, "\(text)")
        case .undefined(let name):
            #expect(throws: SizeFormulaError.undefined(name)) { try f.evaluate(Self.lookup(ns)) }
        }
    }

    /// Parse errors from tests/parse.rs and tests/from_3rd.rs, and what zram-generator 1.1.2 rejects.
    static let parseErrors: [(String, SizeFormulaError)] = [
        (".", .badNumber(".")),
        ("12..34", .badNumber("12..34")),
        ("12.34e56K", .unparsedTokensRemaining("K")),
        ("", .endWhileParsing("value")),
        ("(", .endWhileParsing("value")),
        ("0(", .unparsedTokensRemaining("(")),
        ("1E", .badNumber("1E")),
        ("1e+", .badNumber("1e+")),
        ("()", .invalidValue),
        ("2)", .unparsedTokensRemaining(")")),
        ("2^", .endWhileParsing("value")),
        ("(((2)", .endWhileParsing("parentheses")),
        ("f(2,)", .invalidValue),
        ("f(,2)", .invalidValue),
        (String(repeating: "(", count: 32), .endWhileParsing("value")),
        (String(repeating: "(", count: 33), .tooDeep),
        (String(repeating: "(", count: 4096), .tooDeep),
        (String(repeating: "(", count: 8192), .tooLong),
        // 1.1.2: no alpha keywords.
        ("ram or 1", .unparsedTokensRemaining("or 1")),
        ("ram and 0", .unparsedTokensRemaining("and 0")),
        ("pi(1)", .wrongArguments("pi: expected no args")),
        ("log(1,2,3)", .wrongArguments("expected log(x) or log(base,x)")),
        ("min()", .wrongArguments("min: expected one or more args")),
    ]

    @Test(arguments: 0..<parseErrors.count)
    func parseError(_ i: Int) {
        let (text, error) = Self.parseErrors[i]
        #expect(throws: error) { try SizeFormula(parsing: text) }
    }

    /// zram-generator's src/config.rs tests: disksize in bytes for an expression and a RAM size in MB.
    static let sizeCases: [(String, Double, UInt64)] = [
        ("0.5 * ram", 100, 50 * 1024 * 1024),
        ("500", 5000, 500 * 1024 * 1024),
        ("500k", 5000, 500 * 1000 * 1024 * 1024),
        ("32G", 5000, 32 * 1_000_000_000 * 1024 * 1024),
        ("min(ram / 2, 4096)", 100, 50 * 1024 * 1024),
        ("min(ram / 2, 4096)", 10000, 4096 * 1024 * 1024),
        ("(ram-99)/0", 100, UInt64.max),
        ("min(0.5 * ram, 4000)", 3000, 1500 * 1024 * 1024),
        // 1.1.2 binary, MemTotal 8013220 kB (ram = 7825): ram/2 = 3912.5 MB, ram/3 cut to whole bytes.
        ("min(ram/2, 4096)", 7825, 4102553600),
        ("ram/3", 7825, 2735035733),
        ("1.5k", 7825, 1572864000),
        ("512m", 7825, 536870),
        ("e()", 7825, 2850325),
        ("log(e(), 100)", 7825, 4828870),
        ("1e400", 7825, UInt64.max),
    ]

    @Test(arguments: 0..<sizeCases.count)
    func zramGeneratorSizes(_ i: Int) throws {
        let (text, ram, bytes) = Self.sizeCases[i]
        let mb = try SizeFormula(parsing: text).evaluate(variables: ["ram": ram])
        #expect(SizeFormula.bytes(megabytes: mb) == bytes, "\(text)")
    }

    @Test func namesAreCollected() throws {
        #expect(try SizeFormula(parsing: "min(ram, disksize / ratio * 1.2) + f(x)").names == ["ram", "disksize", "ratio", "f", "x"])
    }

    @Test func nanFromZeroOverZero() throws {
        #expect(try SizeFormula(parsing: "(ram-100)/0").evaluate(variables: ["ram": 100]).isNaN)
    }

    @Test func arrayCallIsUndefined() throws {
        #expect(throws: SizeFormulaError.undefined("array")) {
            try SizeFormula(parsing: "array(1,2)").evaluate(variables: ["ram": 100])
        }
        // A plain variable called with arguments is undefined too (zram-generator's namespace).
        #expect(throws: SizeFormulaError.undefined("ram")) { try SizeFormula(parsing: "ram(1)").evaluate(variables: ["ram": 100]) }
    }

    @Test func signedConstantBindsBeforePower() throws {
        // fasteval reads "-2" as one number, so -2^2 is 4, while -x^2 negates x first: (-x)^2.
        #expect(try SizeFormula(parsing: "-2^2").evaluate(variables: [:]) == 4)
        #expect(try SizeFormula(parsing: "0-2^2").evaluate(variables: [:]) == -4)
    }

    @Test func tooManyTermsOverflowTheSlab() {
        let sixtyFour = (0..<64).map { "(\($0))" }.joined(separator: "+")
        #expect(throws: SizeFormulaError.tooManyTerms) { try SizeFormula(parsing: sixtyFour) }
        let sixtyThree = (0..<63).map { "(\($0))" }.joined(separator: "+")
        #expect(throws: Never.self) { try SizeFormula(parsing: sixtyThree) }
    }
}
