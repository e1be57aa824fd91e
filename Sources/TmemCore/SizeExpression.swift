/// A size as an admin types it on the command line, read as util-linux's strtosize reads it (zramctl --size,
/// lsblk, losetup): `4096`, `512M`, `1.5G`, `2GiB` (K M G T P E and XiB are binary, powers of 1024), `4GB`
/// (XB is decimal, powers of 1000), or `50%` of RAM. One deviation: numbers are decimal only (strtosize
/// also takes 0x10 and 010 as hex and octal); `010` is ten here. The config file has its own language
/// (zram-generator's expressions, `SizeFormula`), not this one.
public enum SizeExpression: Equatable, Sendable, CustomStringConvertible {
    case bytes(UInt64)
    case percentOfRAM(Double)

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public let input: String
        public let reason: String
        public var description: String { "invalid size '\(input)': \(reason)" }
    }

    /// Sizes beyond this are typos, not plans (1 EiB).
    public static let sanityLimit: UInt64 = 1 << 60

    /// What `--help` says about sizes, so every size option states the same rules.
    public static let helpText = "K, M, G, T (or KiB, MiB, ...) are binary, KB, MB, GB, TB decimal, N% is of RAM; decimal numbers only (unlike zramctl, no 0x or leading-0 octal)"

    static let wrongForm = "not a size; use a decimal number with an optional K, M, G or T (binary), KiB..TiB (binary) or KB..TB (decimal) suffix, or N%"

    public init(parsing text: String) throws(ParseError) {
        let s = text.trimmingWhitespace()
        guard !s.isEmpty else { throw ParseError(input: text, reason: "empty; use e.g. 4096, 512M, 1.5G or 50%") }
        if s.hasPrefix("-") { throw ParseError(input: text, reason: "a size must not be negative") }
        if s.hasSuffix("%") {
            // The number of a percentage is read as a size's number is: decimal digits, one optional fraction.
            guard let n = DecimalNumber(Substring(s.dropLast())), n.rest.isEmpty else {
                throw ParseError(input: text, reason: "a percentage of RAM is a decimal number then %, e.g. 50% or 12.5%")
            }
            let p = n.doubleValue
            guard p > 0, p <= 100 else {
                throw ParseError(input: text, reason: "a percentage of RAM must be in (0, 100], e.g. 50%")
            }
            self = .percentOfRAM(p)
            return
        }
        guard let n = DecimalNumber(Substring(s)) else { throw ParseError(input: text, reason: Self.wrongForm) }
        guard let unit = Self.unit(of: n.rest) else { throw ParseError(input: text, reason: Self.wrongForm) }
        if unit == 1 && !n.fraction.isEmpty {
            throw ParseError(input: text, reason: "a byte count must be a whole number (a fraction needs a suffix: 1.5G)")
        }
        guard let bytes = n.scaled(by: unit), bytes <= Self.sanityLimit else {
            throw ParseError(input: text, reason: "larger than 1 EiB")
        }
        self = .bytes(bytes)
    }

    /// The multiplier a suffix names: none, `K`..`E` or `KiB`..`EiB` (binary), `KB`..`EB` (decimal); nil when
    /// it is not a suffix strtosize takes, or its value does not fit 64 bits (Z, Y).
    static func unit(of suffix: Substring) -> UInt64? {
        if suffix.isEmpty { return 1 }
        let letters: [Character] = ["k", "m", "g", "t", "p", "e", "z", "y"]
        guard let letter = suffix.first, letter.isASCII,
              let index = letters.firstIndex(of: Character(letter.lowercased())) else { return nil }
        let pwr = index + 1
        let base: UInt64
        switch suffix.dropFirst() {
        case "", "iB", "ib": base = 1024
        case "B", "b": base = 1000
        default: return nil
        }
        var unit: UInt64 = 1
        for _ in 0..<pwr {
            let (v, overflow) = unit.multipliedReportingOverflow(by: base)
            if overflow { return 0 }   // 0: a real suffix whose value is beyond any size, refused as too large
            unit = v
        }
        return unit
    }

    /// Bytes, given the machine's RAM for percentages.
    public func resolve(totalRAM: UInt64) -> UInt64 {
        switch self {
        case .bytes(let b): return b
        case .percentOfRAM(let p): return UInt64((Double(totalRAM) * p / 100).rounded(.down))
        }
    }

    public var description: String {
        switch self {
        case .bytes(let b): return "\(b)"
        case .percentOfRAM(let p): return "\(p)%"
        }
    }
}

/// `123` or `1.5` at the start of a string: ASCII decimal digits, an optional `.` and more digits; `rest` is what
/// follows. No sign, no exponent, no hex (`1e1` and `0x10` leave `e1` and `x10` as a rest, which no caller accepts).
struct DecimalNumber {
    let integer: Substring
    let fraction: Substring
    let rest: Substring

    init?(_ s: Substring) {
        let isDigit = { (c: Character) in c.isASCII && c.isNumber }
        let intEnd = s.firstIndex { !isDigit($0) } ?? s.endIndex
        integer = s[s.startIndex..<intEnd]
        var after = s[intEnd...]
        if after.first == "." {
            after = after.dropFirst()
            let fracEnd = after.firstIndex { !isDigit($0) } ?? after.endIndex
            fraction = after[after.startIndex..<fracEnd]
            after = after[fracEnd...]
            guard !fraction.isEmpty else { return nil }
        } else {
            fraction = ""
        }
        guard !integer.isEmpty else { return nil }
        rest = after
    }

    var doubleValue: Double { Double(fraction.isEmpty ? String(integer) : "\(integer).\(fraction)") ?? .infinity }

    /// integer.fraction × unit, rounded down, exactly; nil when it does not fit 64 bits or unit is 0.
    func scaled(by unit: UInt64) -> UInt64? {
        guard unit > 0, let whole = UInt64(integer) else { return nil }
        let (w, overflow) = whole.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        // Up to 18 fraction digits count (10^18 fits 64 bits); further digits are far below one byte of any unit.
        let digits = fraction.prefix(18)
        guard !digits.isEmpty, let f = UInt64(digits) else { return w }
        var scale: UInt64 = 1
        for _ in 0..<digits.count { scale *= 10 }
        let product = unit.multipliedFullWidth(by: f)
        let part = scale.dividingFullWidth(product).quotient   // < unit, since f < scale
        let (sum, o2) = w.addingReportingOverflow(part)
        return o2 ? nil : sum
    }
}
