#if canImport(Glibc)
import Glibc
#endif

/// A size expression in zram-generator's language (`min(ram / 2, 4096)`, `1.5k`, `ram * 0.25 + 512`): fasteval
/// 0.2 as zram-generator builds it. The value is in MB; `SizeFormula.bytes(megabytes:)` turns it into bytes the
/// way zram-generator does. Names other than builtins are looked up by the caller (`ram`, and for resident
/// limits `disksize` and `ratio`); an unknown name is an error at evaluation, not at parse time, as in fasteval.
public struct SizeFormula: Sendable, Equatable, CustomStringConvertible {
    public let text: String
    let syntax: SizeFormulaExpression

    public init(parsing text: String) throws(SizeFormulaError) {
        var parser = SizeFormulaParser(text)
        self.syntax = try parser.parse()
        self.text = text
    }

    public var description: String { text }

    /// Every name the expression looks up (variables and non-builtin calls), e.g. `["ram"]`.
    public var names: Set<String> {
        var out = Set<String>()
        Self.collect(syntax, into: &out)
        return out
    }

    /// Evaluates with `lookup(name, arguments)` for names; nil from it is `Undefined`.
    public func evaluate(_ lookup: (String, [Double]) -> Double?) throws(SizeFormulaError) -> Double {
        try Self.evaluate(syntax, lookup)
    }

    /// Evaluates with plain variables: a name with arguments is undefined, as in zram-generator's namespace.
    public func evaluate(variables: [String: Double]) throws(SizeFormulaError) -> Double {
        try evaluate { name, args in args.isEmpty ? variables[name] : nil }
    }

    /// Rust's `str::parse::<f64>` for a decimal number (`1`, `1.`, `.5`, `-1e-3`); no inf/nan words.
    public static func rustFloat(_ s: String) -> Double? { SizeFormulaParser.parseRustFloat(s) }

    /// MB to bytes as zram-generator does: `(mb * 1024.0 * 1024.0) as u64`, which truncates toward zero and
    /// saturates (+inf becomes UInt64.max). NaN and negatives are the caller's errors and are checked first.
    public static func bytes(megabytes mb: Double) -> UInt64 {
        let b = mb * 1024.0 * 1024.0
        if b.isNaN || b <= 0 { return 0 }
        if b >= 18446744073709551616.0 { return UInt64.max }
        return UInt64(b)
    }

    // MARK: evaluation, in fasteval's order

    private static func collect(_ e: SizeFormulaExpression, into out: inout Set<String>) {
        collect(e.first, into: &out)
        for p in e.rest { collect(p.value, into: &out) }
    }

    private static func collect(_ v: SizeFormulaValue, into out: inout Set<String>) {
        switch v {
        case .constant: break
        case .plus(let x), .minus(let x), .not(let x): collect(x, into: &out)
        case .parentheses(let e): collect(e, into: &out)
        case .variable(let n): out.insert(n)
        case .call(let n, let args): out.insert(n); for a in args { collect(a, into: &out) }
        case .builtin(_, let args): for a in args { collect(a, into: &out) }
        case .print(let args):
            for case .expression(let e) in args { collect(e, into: &out) }
        }
    }

    /// fasteval evaluates every operand left to right first, then folds the flat operator list one precedence
    /// level at a time: `^` right to left, `%` and `/` left to right, `*` right to left, `-` left to right, `+`
    /// right to left, comparisons, `&&`, `||`. So `8 / 4 % 3` is 8 / (4 % 3) and `a * b / c` is a * (b / c).
    private static func evaluate(_ e: SizeFormulaExpression,
                                 _ lookup: (String, [Double]) -> Double?) throws(SizeFormulaError) -> Double {
        var values = [try evaluate(e.first, lookup)]
        var ops: [SizeFormulaOperator] = []
        for p in e.rest {
            ops.append(p.op)
            values.append(try evaluate(p.value, lookup))
        }
        func fold(_ i: Int) {
            values[i] = apply(ops[i], values[i], values[i + 1])
            values.remove(at: i + 1)
            ops.remove(at: i)
        }
        func rightToLeft(_ op: SizeFormulaOperator) {
            var i = ops.count - 1
            while i >= 0 {
                if ops[i] == op { fold(i) }
                i -= 1
            }
        }
        func leftToRight(_ set: [SizeFormulaOperator]) {
            var i = 0
            while i < ops.count {
                if set.contains(ops[i]) { fold(i) } else { i += 1 }
            }
        }
        rightToLeft(.power)
        leftToRight([.modulo])
        leftToRight([.divide])
        rightToLeft(.multiply)
        leftToRight([.subtract])
        rightToLeft(.add)
        leftToRight([.less, .greater, .lessOrEqual, .greaterOrEqual, .equal, .notEqual])
        leftToRight([.and])
        leftToRight([.or])
        return values[0]
    }

    /// fasteval's float equality: absolute difference within 8 ulps of 1.
    private static func nearlyEqual(_ a: Double, _ b: Double) -> Bool { Swift.abs(a - b) <= 8 * Double.ulpOfOne }
    private static func notNearlyEqual(_ a: Double, _ b: Double) -> Bool { Swift.abs(a - b) > 8 * Double.ulpOfOne }
    private static func truth(_ b: Bool) -> Double { b ? 1 : 0 }

    private static func apply(_ op: SizeFormulaOperator, _ l: Double, _ r: Double) -> Double {
        switch op {
        case .add: return l + r
        case .subtract: return l - r
        case .multiply: return l * r
        case .divide: return l / r
        case .modulo: return fmod(l, r)
        case .power: return pow(l, r)
        case .less: return truth(l < r)
        case .lessOrEqual: return truth(l <= r)
        case .equal: return truth(nearlyEqual(l, r))
        case .notEqual: return truth(notNearlyEqual(l, r))
        case .greaterOrEqual: return truth(l >= r)
        case .greater: return truth(l > r)
        case .or: return notNearlyEqual(l, 0) ? l : r
        case .and: return nearlyEqual(l, 0) ? l : r
        }
    }

    private static func evaluate(_ v: SizeFormulaValue,
                                 _ lookup: (String, [Double]) -> Double?) throws(SizeFormulaError) -> Double {
        switch v {
        case .constant(let c): return c
        case .plus(let x): return try evaluate(x, lookup)
        case .minus(let x): return -(try evaluate(x, lookup))
        case .not(let x): return truth(nearlyEqual(try evaluate(x, lookup), 0))
        case .parentheses(let e): return try evaluate(e, lookup)
        case .variable(let name):
            guard let value = lookup(name, []) else { throw .undefined(name) }
            return value
        case .call(let name, let argExprs):
            var args: [Double] = []
            for a in argExprs { args.append(try evaluate(a, lookup)) }
            guard let value = lookup(name, args) else { throw .undefined(name) }
            return value
        case .builtin(let f, let argExprs):
            var args: [Double] = []
            for a in argExprs { args.append(try evaluate(a, lookup)) }
            return SizeFormulaMath.apply(f, args)
        case .print(let args):
            // Evaluates to the last expression; the text is not printed (a root tool's config prints nothing).
            if case .string(let s)? = args.first, s.contains("%") {
                throw .wrongArguments("printf formatting is not yet implemented")
            }
            var last = 0.0
            for case .expression(let e) in args { last = try evaluate(e, lookup) }
            return last
        }
    }
}
