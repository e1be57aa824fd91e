/// Why a size expression does not parse or evaluate. The cases are fasteval 0.2's errors, so a message can be
/// matched with what zram-generator logs for the same text (`UnparsedTokensRemaining`, `Undefined`, ...).
public enum SizeFormulaError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Longer than 4096 bytes.
    case tooLong
    /// Nested deeper than 32 levels.
    case tooDeep
    /// More than 64 sub-expressions or 64 unary operators (fasteval's fixed slab).
    case tooManyTerms
    /// Text left after a complete expression, e.g. `ram or 1` or `4096 MB`.
    case unparsedTokensRemaining(String)
    /// Something that is not a number, name, operator or bracket where a value belongs.
    case invalidValue
    case endWhileParsing(String)
    /// A number fasteval's reader takes but Rust's f64 parser rejects (`1.2.3`, `2e`).
    case badNumber(String)
    case expected(String)
    case wrongArguments(String)
    /// A name the evaluator does not know (only `ram` and the caller's extra names are known).
    case undefined(String)

    public var description: String {
        switch self {
        case .tooLong: return "longer than 4096 bytes (TooLong)"
        case .tooDeep: return "nested deeper than 32 levels (TooDeep)"
        case .tooManyTerms: return "more than 64 terms (SlabOverflow)"
        case .unparsedTokensRemaining(let rest): return "cannot parse \"\(rest)\" (UnparsedTokensRemaining)"
        case .invalidValue: return "a number, name or bracket was expected (InvalidValue)"
        case .endWhileParsing(let what): return "ends in the middle of \(what) (EofWhileParsing)"
        case .badNumber(let s): return "\"\(s)\" is not a number (ParseF64)"
        case .expected(let what): return "\(what) expected (Expected)"
        case .wrongArguments(let what): return "\(what) (WrongArgs)"
        case .undefined(let name): return "\"\(name)\" is not defined (Undefined)"
        }
    }
}
