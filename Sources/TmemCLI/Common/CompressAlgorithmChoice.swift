import ArgumentParser
import TmemCore

/// `--algorithm` of `tmemctl compress`: one of the kernel's compressors, or all of them.
enum CompressAlgorithmChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    case lzoRle = "lzo-rle", lzo, lz4, all

    var algorithms: [CompressionAlgorithm] {
        switch self {
        case .lzoRle: return [.lzoRle]
        case .lzo: return [.lzo]
        case .lz4: return [.lz4]
        case .all: return CompressionAlgorithm.allCases
        }
    }
}
