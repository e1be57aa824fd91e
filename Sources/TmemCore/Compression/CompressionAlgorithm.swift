/// The zram compressors tmemctl reproduces, under the kernel's own names (as in `comp_algorithm`).
public enum CompressionAlgorithm: String, CaseIterable, Codable, Sendable {
    /// Bitstream v1 LZO with zero-run encoding (lzorle1x_1_compress); zram's default since 5.x.
    case lzoRle = "lzo-rle"
    /// Plain LZO1X-1 (lzo1x_1_compress).
    case lzo
    /// LZ4 block format, acceleration 1 (the kernel's lib/lz4).
    case lz4
}
