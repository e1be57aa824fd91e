import ArgumentParser
import TmemControl
import TmemCore
import TmemHost

extension SizeExpression: ExpressibleByArgument {
    public init?(argument: String) {
        guard let s = try? SizeExpression(parsing: argument) else { return nil }
        self = s
    }

    public static var defaultCompletionKind: CompletionKind { .list(["256M", "512M", "1G", "2G", "4G", "25%", "50%"]) }
}

/// The names zram's backends have had (Linux 6.18 `zcomp.c`, docs/kernel-notes.md#zram-backends). Which of them this kernel offers
/// is checked against comp_algorithm before anything is written.
enum ZramAlgorithmName: String, CaseIterable, ExpressibleByArgument {
    case lzoRle = "lzo-rle", lzo, lz4, lz4hc, zstd, deflate, n842 = "842"
}

/// A zswap boolean as kstrtobool reads it; printed back as the kernel shows it (Y/N).
enum ZswapBool: String, CaseIterable, ExpressibleByArgument {
    case yes = "Y", no = "N"

    init?(argument: String) {
        switch ZswapParameter.enabled.normalize(argument) {
        case "Y": self = .yes
        case "N": self = .no
        default: return nil
        }
    }

    static var allValueStrings: [String] { ["Y", "N"] }
}

extension ParsableArguments {
    /// Resolves a size expression to bytes on this root (percentages are of MemTotal).
    func bytes(_ s: SizeExpression, root: SystemRoot) throws -> UInt64 {
        try TmemControl.SizePolicy.resolve(s, root: root)
    }
}
