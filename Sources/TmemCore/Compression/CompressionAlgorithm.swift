/// The zram compressors tmemctl reproduces, under the kernel's own names (as in `comp_algorithm`).
public enum CompressionAlgorithm: String, CaseIterable, Codable, Sendable {
    /// Bitstream v1 LZO with zero-run encoding (lzorle1x_1_compress); zram's default since 5.x.
    case lzoRle = "lzo-rle"
    /// Plain LZO1X-1 (lzo1x_1_compress).
    case lzo
    /// LZ4 block format, acceleration 1 (the kernel's lib/lz4).
    case lz4
    /// LZ4 block format from the kernel's HC parser (lib/lz4/lz4hc_compress.c), level 1 to 16.
    case lz4hc
    /// A zstd frame (the kernel's lib/zstd), level 1 to 22.
    case zstd
    /// Raw deflate (the kernel's lib/zlib_deflate), level 0 to 9, window bits 9 to 15.
    case deflate

    /// The levels the kernel accepts in `algorithm_params` (nil: the algorithm takes no level tmemctl models).
    public var levels: ClosedRange<Int>? {
        switch self {
        case .lzoRle, .lzo, .lz4: return nil
        case .lz4hc: return 1...16
        case .zstd: return 1...22
        case .deflate: return 0...9
        }
    }

    /// The level the kernel uses when none is set (LZ4HC_DEFAULT_CLEVEL, ZSTD_CLEVEL_DEFAULT,
    /// Z_DEFAULT_COMPRESSION): the same in every era's zram backend and crypto driver.
    public var defaultLevel: Int? {
        switch self {
        case .lzoRle, .lzo, .lz4: return nil
        case .lz4hc: return 9
        case .zstd: return 3
        case .deflate: return 6
        }
    }
}
