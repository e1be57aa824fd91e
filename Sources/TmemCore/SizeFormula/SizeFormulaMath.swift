#if canImport(Glibc)
import Glibc
#endif

/// fasteval's builtin functions with Rust's f64 semantics (zram-generator 1.1.2 is built with Rust 1.63, whose
/// `asinh`, `acosh` and `atanh` are computed in Rust itself, not by libm; the rest are libm calls).
enum SizeFormulaMath {
    static func apply(_ f: SizeFormulaBuiltin, _ a: [Double]) -> Double {
        switch f {
        case .e: return 2.718281828459045
        case .pi: return Double.pi
        case .int: return trunc(a[0])
        case .ceil: return Glibc.ceil(a[0])
        case .floor: return Glibc.floor(a[0])
        case .abs: return fabs(a[0])
        case .sign: return a[0].isNaN ? .nan : copysign(1, a[0])
        case .log: return a.count == 2 ? log(base: a[0], a[1]) : log10(a[0])
        case .round:
            // Rust's round() rounds half away from zero, as C's round().
            let modulus = a.count == 2 ? a[0] : 1
            return Glibc.round(a[a.count - 1] / modulus) * modulus
        case .min: return extremum(a, smaller: true)
        case .max: return extremum(a, smaller: false)
        case .sin: return Glibc.sin(a[0])
        case .cos: return Glibc.cos(a[0])
        case .tan: return Glibc.tan(a[0])
        case .asin: return Glibc.asin(a[0])
        case .acos: return Glibc.acos(a[0])
        case .atan: return Glibc.atan(a[0])
        case .sinh: return Glibc.sinh(a[0])
        case .cosh: return Glibc.cosh(a[0])
        case .tanh: return Glibc.tanh(a[0])
        case .asinh:
            let ax = fabs(a[0]), ix = 1 / ax
            return copysign(log1p(ax + ax / (hypot(1, ix) + ix)), a[0])
        case .acosh:
            return a[0] < 1 ? .nan : Glibc.log(a[0] + (a[0] * a[0] - 1).squareRoot())
        case .atanh:
            return 0.5 * log1p(2 * a[0] / (1 - a[0]))
        }
    }

    /// log(base, x): base 2 and 10 (within 8 ulps) use log2/log10, others ln(x) / ln(base), as fasteval does.
    static func log(base: Double, _ x: Double) -> Double {
        if fabs(base - 2) <= 8 * Double.ulpOfOne { return log2(x) }
        if fabs(base - 10) <= 8 * Double.ulpOfOne { return log10(x) }
        return Glibc.log(x) / Glibc.log(base)
    }

    /// min/max fold with Rust's f64::min/max, which skip a NaN operand; fasteval returns NaN only when the
    /// running value itself became NaN (so `min(0/0, 1)` is NaN but `min(1, 0/0)` is 1).
    private static func extremum(_ a: [Double], smaller: Bool) -> Double {
        var acc = a[0]
        var sawNaN = acc.isNaN
        for x in a.dropFirst() {
            acc = smaller ? Double.minimum(acc, x) : Double.maximum(acc, x)
            sawNaN = sawNaN || acc.isNaN
        }
        return sawNaN ? .nan : acc
    }
}
