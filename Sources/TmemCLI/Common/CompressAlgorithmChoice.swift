import ArgumentParser
import TmemCore

/// `--algorithm`: one of the kernel's compressors, or all of them.
enum CompressAlgorithmChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    case lzoRle = "lzo-rle", lzo, lz4, lz4hc, zstd, deflate, all

    var algorithms: [CompressionAlgorithm] {
        if self == .all { return CompressionAlgorithm.allCases }
        return [CompressionAlgorithm(rawValue: rawValue)!]
    }
}

/// ``--level N` and `--window-bits BITS`: the parameters zram's algorithm_params sets (6.12+), shared by compress,
/// model, verify and advise. Without them, the kernel's defaults.
struct CompressorParameterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Compression level for lz4hc (1-16), zstd (1-22) or deflate (0-9) (default: the kernel's: 9, 3, 6).", valueName: "N"))
    var level: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("deflate window bits as zram's deflate.winbits takes them (-15..-9 raw, the kernel's default -11).", valueName: "BITS"))
    var windowBits: Int?

    /// The settings for each algorithm; a level or window bits need a single algorithm that takes them.
    func settings(for choice: CompressAlgorithmChoice, path: CompressionPath) throws -> [CompressorSettings] {
        if level != nil || windowBits != nil, choice == .all {
            throw ValidationError("--level and --window-bits apply to one algorithm; add --algorithm lz4hc, zstd or deflate")
        }
        return try choice.algorithms.map { a in
            let s = CompressorSettings(a, level: level, windowBits: windowBits, path: path)
            if let why = s.invalidReason { throw ValidationError("\(s): \(why)") }
            return s
        }
    }
}
