/// The syntax tree of zram-generator's size language, which is fasteval 0.2 built without its `alpha-keywords`
/// feature (so no `and`/`or` words and no `inf`/`NaN` literals; checked against zram-generator 1.1.2).
///
/// fasteval does not build a precedence tree while parsing: an expression is a flat list `v0 op1 v1 op2 v2 ...`
/// that evaluation folds operator by operator (see `SizeFormula.evaluate`). The tree keeps that shape so the
/// folding order, and with it every floating-point rounding, is the same as zram-generator's.
struct SizeFormulaExpression: Sendable, Equatable {
    var first: SizeFormulaValue
    var rest: [(op: SizeFormulaOperator, value: SizeFormulaValue)]

    static func == (a: Self, b: Self) -> Bool {
        a.first == b.first && a.rest.count == b.rest.count
            && zip(a.rest, b.rest).allSatisfy { $0.op == $1.op && $0.value == $1.value }
    }
}

indirect enum SizeFormulaValue: Sendable, Equatable {
    case constant(Double)
    case plus(SizeFormulaValue)
    case minus(SizeFormulaValue)
    case not(SizeFormulaValue)
    case parentheses(SizeFormulaExpression)
    /// A name without arguments (`ram`), looked up by the caller.
    case variable(String)
    /// A name with arguments that is not a builtin, looked up by the caller with the evaluated arguments.
    case call(String, [SizeFormulaExpression])
    case builtin(SizeFormulaBuiltin, [SizeFormulaExpression])
    /// `print(...)`: evaluates to its last expression argument (0 when none).
    case print([SizeFormulaPrintArgument])
}

enum SizeFormulaPrintArgument: Sendable, Equatable {
    case expression(SizeFormulaExpression)
    case string(String)
}

/// Binary operators, from the lowest precedence to the highest (fasteval's order).
enum SizeFormulaOperator: Sendable, Equatable {
    case or, and, notEqual, equal, greaterOrEqual, lessOrEqual, greater, less
    case add, subtract, multiply, divide, modulo, power
}

enum SizeFormulaBuiltin: String, Sendable, Equatable, CaseIterable {
    case int, ceil, floor, abs, sign, log, round, min, max, e, pi
    case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh

    /// Argument counts fasteval accepts at parse time.
    var arity: ClosedRange<Int> {
        switch self {
        case .e, .pi: return 0...0
        case .log, .round: return 1...2
        case .min, .max: return 1...Int.max
        default: return 1...1
        }
    }
}
