/// Which kernel code calls the compressor, which decides how it is set up (docs/kernel-notes.md#zram-compressors-per-era).
public enum CompressionPath: String, Codable, Sendable {
    /// The crypto API (crypto/zstd.c, crypto/deflate.c, crypto/lz4hc.c): 6.1's zram and zswap. Fixed levels;
    /// zstd's parameters are those for an unknown source size.
    case cryptoAPI = "crypto-api"
    /// zram's own backends (drivers/block/zram/backend_*.c, 6.12 on): levels from algorithm_params; zstd's
    /// parameters are those for a one-page source.
    case zramBackend = "zram-backend"

    /// zram's backends came with Linux 6.12.
    public static func forKernel(major: Int, minor: Int) -> CompressionPath {
        (major, minor) >= (6, 12) ? .zramBackend : .cryptoAPI
    }
}

/// One compressor as the kernel would run it: the algorithm and the parameters `algorithm_params` sets.
public struct CompressorSettings: Hashable, Codable, Sendable, CustomStringConvertible {
    public var algorithm: CompressionAlgorithm
    /// nil: the kernel's default level.
    public var level: Int?
    /// deflate's window bits as the kernel takes them (negative: raw deflate); nil: the kernel's -11.
    public var windowBits: Int?
    public var path: CompressionPath

    public init(_ algorithm: CompressionAlgorithm, level: Int? = nil, windowBits: Int? = nil,
                path: CompressionPath = .zramBackend) {
        self.algorithm = algorithm
        self.level = level
        self.windowBits = windowBits
        self.path = path
    }

    /// The kernel's DEFLATE_DEF_WINBITS, as raw deflate.
    public static let defaultWindowBits = -11

    public var effectiveLevel: Int? { level ?? algorithm.defaultLevel }
    public var effectiveWindowBits: Int? { algorithm == .deflate ? windowBits ?? Self.defaultWindowBits : nil }

    /// Why these settings cannot be run, or nil. The crypto API takes no parameters at all.
    public var invalidReason: String? {
        if level != nil || windowBits != nil, path == .cryptoAPI {
            return "kernels before 6.12 compress through the crypto API, which takes no level or window bits (algorithm_params came with 6.12)"
        }
        if let l = level {
            guard let range = algorithm.levels else { return "\(algorithm.rawValue) takes no level" }
            if !range.contains(l) { return "\(algorithm.rawValue) levels are \(range.lowerBound) to \(range.upperBound), got \(l)" }
        }
        if let w = windowBits {
            if algorithm != .deflate { return "only deflate takes window bits" }
            if !(9...15).contains(w.magnitude) { return "deflate window bits are -15 to -9 (raw) or 9 to 15, got \(w)" }
        }
        return nil
    }

    /// What to write to zram's algorithm_params for these settings (nil: nothing to write, the defaults).
    public var algorithmParams: String? {
        var parts: [String] = []
        if let l = level { parts.append("level=\(l)") }
        if let w = windowBits { parts.append("deflate.winbits=\(w)") }
        return parts.isEmpty ? nil : "algo=\(algorithm.rawValue) " + parts.joined(separator: " ")
    }

    /// "zstd", "zstd level=9", "deflate level=6 winbits=-12": the name in tables and reports.
    public var description: String {
        var s = algorithm.rawValue
        if let l = level { s += " level=\(l)" }
        if let w = windowBits { s += " winbits=\(w)" }
        return s
    }
}
