import CShim

/// The library codecs tmemctl's compressors are measured against (`tmemctl bench compress`), called
/// directly from C so that no Swift overhead is on the baseline's side: liblzo2 for lzo and lzo-rle (no
/// library writes lzo-rle; liblzo2's lzo1x_1_15 is the speed its encoder must keep up with) and liblz4, plus
/// liblzo2's lzo1x_1_12 as a second compression baseline for both LZO rows (its 4096-entry dictionary is the
/// faster one on 4 KiB pages, although lzo1x.h calls 1_15 the speed variant).
public enum ReferenceCodec: String, Codable, Sendable {
    case liblzo2, liblz4
    case liblzo2_1_12 = "liblzo2-1_12"

    public static func baseline(for algorithm: CompressionAlgorithm) -> ReferenceCodec {
        algorithm == .lz4 ? .liblz4 : .liblzo2
    }

    public var functions: String {
        switch self {
        case .liblzo2: return "lzo1x_1_15_compress / lzo1x_decompress_safe"
        case .liblz4: return "LZ4_compress_default / LZ4_decompress_safe"
        case .liblzo2_1_12: return "lzo1x_1_12_compress / lzo1x_decompress_safe"
        }
    }

    var cValue: CShimBaseline {
        switch self {
        case .liblzo2: return CSHIM_BASELINE_LIBLZO2
        case .liblz4: return CSHIM_BASELINE_LIBLZ4
        case .liblzo2_1_12: return CSHIM_BASELINE_LIBLZO2_1_12
        }
    }

    /// Work memory the compress loop needs (liblzo2's dictionary; liblz4 keeps its state on the stack).
    public static let workMemorySize = Int(CSHIM_LZO1X_WRKMEM_SIZE)

    /// Compresses `pages` pages at src, page by page; see cshim_baseline_compress_pages. Returns the total.
    public func compressPages(_ src: UnsafeRawPointer, pages: Int, into dst: UnsafeMutableRawPointer, stride: Int,
                              slotCapacity: Int, sizes: UnsafeMutablePointer<UInt32>, work: UnsafeMutableRawPointer) -> Int {
        cshim_baseline_compress_pages(cValue, src.assumingMemoryBound(to: UInt8.self), pages,
                                      dst.assumingMemoryBound(to: UInt8.self), stride, slotCapacity, sizes, work)
    }

    /// Decodes what compressPages stored into out (pages * 4096 bytes); returns how many pages decoded whole.
    public func decompressPages(_ src: UnsafeRawPointer, pages: Int, stride: Int, sizes: UnsafePointer<UInt32>,
                                into out: UnsafeMutableRawPointer) -> Int {
        cshim_baseline_decompress_pages(cValue, src.assumingMemoryBound(to: UInt8.self), pages, stride, sizes,
                                        out.assumingMemoryBound(to: UInt8.self))
    }
}
