import ArgumentParser
import TmemCore

/// How every size option parses: `@Option(completion: SizeArgument.completion, transform: SizeArgument.parse)`.
/// A transform rather than `ExpressibleByArgument`, so that a value that is not a size is refused with the
/// reason (`invalid size 'lots': not a size; use a number with ...`), not only with its name.
enum SizeArgument {
    static func parse(_ text: String) throws -> SizeExpression { try SizeExpression(parsing: text) }

    static let completion = CompletionKind.list(["256M", "512M", "1G", "2G", "4G", "25%", "50%"])
}

/// A limit that may be absent: a size, or `none`. Used by `simulate`, whose percentages are of `--memory`.
enum SizeLimit: Equatable {
    case none
    case size(SizeExpression)

    static func parse(_ text: String) throws -> SizeLimit {
        text.lowercased() == "none" ? .none : .size(try SizeExpression(parsing: text))
    }

    static let completion = CompletionKind.list(["none", "10%", "25%", "8M", "64M"])

    /// Bytes, percentages taken of `total`; nil for `none`.
    func bytes(of total: UInt64) -> UInt64? {
        switch self {
        case .none: nil
        case .size(let s): s.resolve(totalRAM: total)
        }
    }
}
