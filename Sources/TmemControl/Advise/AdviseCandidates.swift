import TmemCore

/// Which compressor settings `advise` ranks: every algorithm the target kernel's zram offers, and for those that
/// take a level (lz4hc, zstd, deflate) a set of levels, where the kernel takes levels at all (algorithm_params,
/// 6.12 on; before, the crypto API runs every algorithm at its default).
public enum AdviseLevels: String, CaseIterable, Codable, Sendable {
    /// Only the kernel's default level.
    case `default`
    /// The default plus a spread across the range (the default run of `advise`).
    case sample
    /// Every level the kernel accepts.
    case all

    /// The levels to try besides the default (nil in the result is the default, written as no algorithm_params).
    public func levels(of algorithm: CompressionAlgorithm) -> [Int?] {
        guard let range = algorithm.levels else { return [nil] }
        let spread: [Int]
        switch self {
        case .default: spread = []
        case .all: spread = Array(range)
        case .sample:
            switch algorithm {
            case .lz4hc: spread = [1, 4, 9, 12, 16]
            case .zstd: spread = [1, 3, 6, 9, 12, 15, 19, 22]
            case .deflate: spread = [1, 3, 6, 9]
            default: spread = []
            }
        }
        return [nil] + spread.filter { $0 != algorithm.defaultLevel }.map { Optional($0) }
    }
}

public enum AdviseCandidates {
    /// The settings to rank, in the kernel's algorithm order, levels ascending after each default.
    public static func settings(algorithms: [CompressionAlgorithm], path: CompressionPath,
                                levels: AdviseLevels) -> [CompressorSettings] {
        algorithms.flatMap { a -> [CompressorSettings] in
            let tried = path == .cryptoAPI ? [nil] : levels.levels(of: a)
            return tried.map { CompressorSettings(a, level: $0, path: path) }
        }
    }
}
