/// Reads zram-generator's size language byte by byte exactly as fasteval 0.2's parser does, quirks included:
/// a sign directly before digits belongs to the number (`-2^2` is 4), SI suffixes multiply by powers of ten,
/// whitespace is only space, tab, CR and LF, and function arguments may be separated by `,` or `;`.
struct SizeFormulaParser {
    static let lengthLimit = 4096
    static let depthLimit = 32
    /// fasteval parses into a slab of 64 expressions and 64 values and fails when either fills up.
    static let slabCapacity = 64

    private let bytes: [UInt8]
    private var at = 0
    private var expressionCount = 0
    private var valueCount = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    mutating func parse() throws(SizeFormulaError) -> SizeFormulaExpression {
        guard bytes.count <= Self.lengthLimit else { throw .tooLong }
        return try readExpression(depth: 0, expectEnd: true)
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        at + offset < bytes.count ? bytes[at + offset] : nil
    }

    private mutating func skipSpaces() {
        while let b = peek(), b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D { at += 1 }
    }

    private mutating func pushExpression() throws(SizeFormulaError) {
        guard expressionCount < Self.slabCapacity else { throw .tooManyTerms }
        expressionCount += 1
    }

    private mutating func pushValue() throws(SizeFormulaError) {
        guard valueCount < Self.slabCapacity else { throw .tooManyTerms }
        valueCount += 1
    }

    private mutating func readExpression(depth: Int, expectEnd: Bool) throws(SizeFormulaError) -> SizeFormulaExpression {
        guard depth <= Self.depthLimit else { throw .tooDeep }
        let first = try readValue(depth: depth)
        var rest: [(op: SizeFormulaOperator, value: SizeFormulaValue)] = []
        while let op = readOperator() {
            rest.append((op, try readValue(depth: depth)))
        }
        skipSpaces()
        if expectEnd && at < bytes.count {
            throw .unparsedTokensRemaining(String(decoding: bytes[at...], as: UTF8.self))
        }
        try pushExpression()
        return SizeFormulaExpression(first: first, rest: rest)
    }

    private mutating func readValue(depth: Int) throws(SizeFormulaError) -> SizeFormulaValue {
        guard depth <= Self.depthLimit else { throw .tooDeep }
        if let c = try readConstant() { return .constant(c) }
        if let u = try readUnary(depth: depth) { return u }
        if let c = try readCallable(depth: depth) { return c }
        if at >= bytes.count { throw .endWhileParsing("value") }
        throw .invalidValue
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// A number, with fasteval's scan: digits and dots, one leading sign, an exponent after a digit, then an
    /// optional SI suffix (only when there was no exponent), which is appended as `e±N` before Rust parses it.
    private mutating func readConstant() throws(SizeFormulaError) -> Double? {
        skipSpaces()
        var length = 0
        var signOK = true, suffixOK = true, sawDigit = false
        while let b = peek(length) {
            if Self.isDigit(b) || b == UInt8(ascii: ".") {
                sawDigit = true
                signOK = false
                length += 1
            } else if signOK && (b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) {
                signOK = false
                length += 1
            } else if sawDigit && (b == UInt8(ascii: "e") || b == UInt8(ascii: "E")) {
                suffixOK = false
                signOK = true
                length += 1
            } else {
                // `inf`/`NaN` literals need fasteval's alpha-keywords feature, which zram-generator leaves off.
                break
            }
        }
        guard sawDigit else { return nil }
        var token = String(decoding: bytes[at..<(at + length)], as: UTF8.self)
        if suffixOK, let b = peek(length) {
            var exponent = 0, suffixLength = 1
            switch b {
            case UInt8(ascii: "k"), UInt8(ascii: "K"): exponent = 3
            case UInt8(ascii: "M"): exponent = 6
            case UInt8(ascii: "G"): exponent = 9
            case UInt8(ascii: "T"): exponent = 12
            case UInt8(ascii: "m"): exponent = -3
            case UInt8(ascii: "u"), 0xB5: exponent = -6
            case 0xC2 where peek(length + 1) == 0xB5: exponent = -6; suffixLength = 2  // UTF-8 µ
            case UInt8(ascii: "n"): exponent = -9
            case UInt8(ascii: "p"): exponent = -12
            default: break
            }
            if exponent != 0 {
                token += "e\(exponent)"
                length += suffixLength
            }
        }
        guard let value = Self.parseRustFloat(token) else { throw .badNumber(token) }
        at += length
        return value
    }

    /// Rust's `str::parse::<f64>` for the characters fasteval's scan lets through (`[+-]`, digits, `.`, `e`):
    /// a sign, digits with at most one dot and at least one digit, then an optional exponent with digits.
    static func parseRustFloat(_ s: String) -> Double? {
        var u = Substring(s).utf8[...]
        if let f = u.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { u = u.dropFirst() }
        let mantissa = u.prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
        let digits = mantissa.filter(isDigit).count
        let dots = mantissa.filter { $0 == UInt8(ascii: ".") }.count
        guard digits > 0, dots <= 1, digits + dots == mantissa.count else { return nil }
        var exponent = u.dropFirst(mantissa.count)
        if !exponent.isEmpty {
            exponent = exponent.dropFirst()
            if let f = exponent.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { exponent = exponent.dropFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy(isDigit) else { return nil }
        }
        return Double(s)
    }

    private mutating func readUnary(depth: Int) throws(SizeFormulaError) -> SizeFormulaValue? {
        skipSpaces()
        guard let b = peek() else { return nil }
        switch b {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "!"):
            at += 1
            let v = try readValue(depth: depth + 1)
            try pushValue()
            return b == UInt8(ascii: "+") ? .plus(v) : b == UInt8(ascii: "-") ? .minus(v) : .not(v)
        case UInt8(ascii: "("), UInt8(ascii: "["):
            at += 1
            let inner = try readExpression(depth: depth + 1, expectEnd: false)
            skipSpaces()
            let close = b == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "]")
            guard let c = peek() else { throw .endWhileParsing(b == UInt8(ascii: "(") ? "parentheses" : "square brackets") }
            at += 1
            guard c == close else { throw .expected(String(UnicodeScalar(close))) }
            return .parentheses(inner)
        default:
            return nil
        }
    }

    private mutating func readOperator() -> SizeFormulaOperator? {
        skipSpaces()
        guard let b = peek() else { return nil }
        let next = peek(1)
        let op: SizeFormulaOperator
        var length = 1
        switch b {
        case UInt8(ascii: "+"): op = .add
        case UInt8(ascii: "-"): op = .subtract
        case UInt8(ascii: "*"): op = .multiply
        case UInt8(ascii: "/"): op = .divide
        case UInt8(ascii: "%"): op = .modulo
        case UInt8(ascii: "^"): op = .power
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "=") { op = .lessOrEqual; length = 2 } else { op = .less }
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: "=") { op = .greaterOrEqual; length = 2 } else { op = .greater }
        case UInt8(ascii: "=") where next == UInt8(ascii: "="): op = .equal; length = 2
        case UInt8(ascii: "!") where next == UInt8(ascii: "="): op = .notEqual; length = 2
        case UInt8(ascii: "|") where next == UInt8(ascii: "|"): op = .or; length = 2
        case UInt8(ascii: "&") where next == UInt8(ascii: "&"): op = .and; length = 2
        default: return nil
        }
        at += length
        return op
    }

    private static func isNameByte(_ b: UInt8, _ i: Int) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_") || (i > 0 && isDigit(b))
    }

    private mutating func readCallable(depth: Int) throws(SizeFormulaError) -> SizeFormulaValue? {
        skipSpaces()
        var length = 0
        while let b = peek(length), Self.isNameByte(b, length) { length += 1 }
        guard length > 0 else { return nil }
        let name = String(decoding: bytes[at..<(at + length)], as: UTF8.self)
        at += length
        skipSpaces()
        guard let open = peek(), open == UInt8(ascii: "(") || open == UInt8(ascii: "[") else { return .variable(name) }
        at += 1
        let close = open == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "]")
        if name == "print" { return .print(try readPrintArguments(depth: depth, close: close)) }
        var args: [SizeFormulaExpression] = []
        while true {
            skipSpaces()
            guard let b = peek() else { throw .endWhileParsing(name) }
            if b == close { at += 1; break }
            if !args.isEmpty { try readSeparator() }
            args.append(try readExpression(depth: depth + 1, expectEnd: false))
        }
        guard let builtin = SizeFormulaBuiltin(rawValue: name) else { return .call(name, args) }
        guard builtin.arity.contains(args.count) else { throw .wrongArguments(Self.arityMessage(builtin)) }
        return .builtin(builtin, args)
    }

    private mutating func readSeparator() throws(SizeFormulaError) {
        guard let b = peek() else { throw .expected("',' or ';'") }
        at += 1
        guard b == UInt8(ascii: ",") || b == UInt8(ascii: ";") else { throw .expected("',' or ';'") }
    }

    private static func arityMessage(_ f: SizeFormulaBuiltin) -> String {
        switch f {
        case .log: return "expected log(x) or log(base,x)"
        case .round: return "round: expected round(x) or round(modulus,x)"
        case .min, .max: return "\(f.rawValue): expected one or more args"
        case .e, .pi: return "\(f.rawValue): expected no args"
        default: return "\(f.rawValue): expected one arg"
        }
    }

    private mutating func readPrintArguments(depth: Int, close: UInt8) throws(SizeFormulaError) -> [SizeFormulaPrintArgument] {
        var args: [SizeFormulaPrintArgument] = []
        while true {
            skipSpaces()
            guard let b = peek() else { throw .endWhileParsing("print") }
            if b == close { at += 1; break }
            if !args.isEmpty { try readSeparator() }
            skipSpaces()
            guard let q = peek() else { throw .endWhileParsing("opening quote of string") }
            if q == UInt8(ascii: "\"") {
                at += 1
                guard let end = bytes[at...].firstIndex(of: UInt8(ascii: "\"")) else { throw .endWhileParsing("string") }
                args.append(.string(String(decoding: bytes[at..<end], as: UTF8.self)))
                at = end + 1
            } else {
                args.append(.expression(try readExpression(depth: depth + 2, expectEnd: false)))
            }
        }
        return args
    }
}
