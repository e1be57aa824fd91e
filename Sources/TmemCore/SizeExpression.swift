/// A size as an admin types it: `4096`, `512M`, `1.5G`, `4g`, `50%` (of RAM).
/// Suffixes are binary (K = 1024), as the kernel's memparse reads them.
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

    public init(parsing text: String) throws(ParseError) {
        let s = text.trimmingWhitespace()
        guard !s.isEmpty else { throw ParseError(input: text, reason: "empty; use e.g. 4096, 512M, 1.5G or 50%") }
        if s.hasSuffix("%") {
            guard let p = Double(s.dropLast()), p.isFinite, p > 0, p <= 100 else {
                throw ParseError(input: text, reason: "a percentage of RAM must be in (0, 100], e.g. 50%")
            }
            self = .percentOfRAM(p)
            return
        }
        var number = Substring(s)
        var multiplier: UInt64 = 1
        // Accept 512M, 512MB, 512MiB (all binary, as memparse reads them) and a bare "B".
        if number.count > 1, number.last == "B" || number.last == "b" { number = number.dropLast() }
        if number.count > 1, number.last == "i" { number = number.dropLast() }
        if let last = number.last, let shift = SizeExpression.suffixShift(last) {
            multiplier = 1 << shift
            number = number.dropLast()
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }),
              let value = Double(number), value.isFinite, value >= 0
        else {
            throw ParseError(input: text, reason: "not a size; use a number with an optional K, M, G or T suffix, or N%")
        }
        let bytes = value * Double(multiplier)
        guard bytes <= Double(SizeExpression.sanityLimit) else {
            throw ParseError(input: text, reason: "larger than 1 EiB")
        }
        if multiplier == 1 && number.contains(".") {
            throw ParseError(input: text, reason: "a byte count must be a whole number")
        }
        self = .bytes(UInt64(bytes.rounded(.down)))
    }

    private static func suffixShift(_ c: Character) -> UInt64? {
        switch c {
        case "k", "K": return 10
        case "m", "M": return 20
        case "g", "G": return 30
        case "t", "T": return 40
        case "p", "P": return 50
        default: return nil
        }
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

