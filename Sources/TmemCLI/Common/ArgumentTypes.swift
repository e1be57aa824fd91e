import ArgumentParser
import TmemControl
import TmemCore
import TmemHost

/// The names zram's backends have had (Linux 6.18 `zcomp.c`, docs/kernel-notes.md#zram-backends). Which of them this kernel offers
/// is checked against comp_algorithm before anything is written.
enum ZramAlgorithmName: String, CaseIterable, ExpressibleByArgument {
    case lzoRle = "lzo-rle", lzo, lz4, lz4hc, zstd, deflate, n842 = "842"

    static var known: [String] { allCases.map(\.rawValue) }
    /// None for argument-parser: its static "(values: ...)" would repeat, unmarked, what the option's help lists
    /// per kernel (ZramAlgorithmHelp); completions ask the kernel (HostCompletion).
    static var allValueStrings: [String] { [] }
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

/// `--kernel ERA`: the eras `KernelProfile.all` knows, listed in help and completions from that one table.
extension KernelProfile: ExpressibleByArgument {
    public init?(argument: String) {
        guard let p = KernelProfile.named(argument) else { return nil }
        self = p
    }

    public static var allValueStrings: [String] { all.map(\.era) }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

extension CompressionAlgorithm: ExpressibleByArgument {}
extension AdviseLevels: ExpressibleByArgument {}
extension VerifyPath: ExpressibleByArgument {}
extension BootTarget: ExpressibleByArgument {}

extension BootParameter: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

extension ParsableArguments {
    /// Resolves a size expression to bytes on this root (percentages are of MemTotal).
    func bytes(_ s: SizeExpression, root: SystemRoot) throws -> UInt64 {
        try TmemControl.SizePolicy.resolve(s, root: root)
    }
}
