import CShim

/// Compresses 4 KiB pages exactly as the kernel's zram backend for `algorithm` does, and decodes them.
///
/// Not thread-safe: it owns its work memory (hash dictionary, library contexts) and output buffer, so each
/// thread or task uses its own instance; two instances run in parallel on two cores without sharing anything.
public final class PageCompressor {
    public let settings: CompressorSettings
    public var algorithm: CompressionAlgorithm { settings.algorithm }

    /// zram compresses into a 2-page buffer; every algorithm's worst case for one page fits.
    public static let outputCapacity = 2 * pageSize

    private let workMemory: UnsafeMutableRawPointer
    private let outputBuffer: UnsafeMutableRawPointer
    private var outputLength = 0
    /// The library contexts of zstd and deflate (nil for the others).
    private let zstd: OpaquePointer?
    private let deflate: OpaquePointer?

    /// The kernel's compressor for `algorithm` at its default parameters, as zram's backends (6.12+) set it up.
    public convenience init(_ algorithm: CompressionAlgorithm) {
        self.init(CompressorSettings(algorithm))
    }

    /// Settings must be valid (`invalidReason == nil`): callers validate what users give them.
    public init(_ settings: CompressorSettings) {
        precondition(settings.invalidReason == nil, "invalid compressor settings \(settings): \(settings.invalidReason!)")
        self.settings = settings
        var workSize = 64
        var zstd: OpaquePointer? = nil, deflate: OpaquePointer? = nil
        switch settings.algorithm {
        case .lzo: workSize = Int(CSHIM_LZO1X_WRKMEM_SIZE)
        case .lzoRle: workSize = Int(CSHIM_LZORLE_WRKMEM_SIZE)
        case .lz4: workSize = Int(CSHIM_LZ4_WRKMEM_SIZE)
        case .lz4hc: workSize = Int(CSHIM_LZ4HC_WRKMEM_SIZE)
        case .zstd:
            let setup = settings.path == .cryptoAPI ? CSHIM_ZSTD_SETUP_UNKNOWN_SIZE : CSHIM_ZSTD_SETUP_PAGE_SIZE
            zstd = cshim_zstd_create(Int32(settings.effectiveLevel!), setup)
            precondition(zstd != nil, "libzstd could not create a context (out of memory)")
        case .deflate:
            deflate = cshim_deflate_create(Int32(settings.effectiveLevel!), Int32(settings.effectiveWindowBits!))
            precondition(deflate != nil, "zlib could not create a stream (out of memory)")
        }
        self.zstd = zstd
        self.deflate = deflate
        workMemory = .allocate(byteCount: workSize, alignment: 64)
        outputBuffer = .allocate(byteCount: PageCompressor.outputCapacity, alignment: 64)
    }

    deinit {
        workMemory.deallocate()
        outputBuffer.deallocate()
        cshim_zstd_free(zstd)
        cshim_deflate_free(deflate)
    }

    /// Compresses one 4 KiB page and returns the kernel's compressed length (it can exceed 4096 for
    /// incompressible pages). The bytes are in `output` until the next call.
    public func compress(_ page: UnsafeRawBufferPointer) -> Int {
        precondition(page.count == pageSize, "a page is exactly \(pageSize) bytes, got \(page.count)")
        let src = page.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let dst = outputBuffer.assumingMemoryBound(to: UInt8.self)
        let cap = PageCompressor.outputCapacity
        let n: Int
        switch algorithm {
        case .lzo: n = cshim_lzo1x_compress(src, pageSize, dst, cap, workMemory)
        case .lzoRle: n = cshim_lzorle_compress(src, pageSize, dst, cap, workMemory)
        case .lz4: n = Int(cshim_lz4_compress(src, pageSize, dst, cap, workMemory))
        case .lz4hc: n = cshim_lz4hc_compress(src, pageSize, dst, cap, Int32(settings.effectiveLevel!), workMemory)
        case .zstd: n = cshim_zstd_compress(zstd, src, pageSize, dst, cap)
        case .deflate: n = cshim_deflate_compress(deflate, src, pageSize, dst, cap)
        }
        // The buffer holds every algorithm's worst case for a page, so failure is a bug, not an input.
        precondition(n > 0, "\(algorithm.rawValue) failed on a \(pageSize)-byte page")
        outputLength = n
        return n
    }

    public func compress(_ page: [UInt8]) -> Int {
        page.withUnsafeBytes { compress($0) }
    }

    /// The bytes of the last `compress` (empty before the first).
    public var output: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: outputBuffer, count: outputLength)
    }

    /// Decodes a stream of this compressor's algorithm into dst and returns the decoded length. The "lzo"
    /// and "lzo-rle" decoders both read bitstreams v0 and v1, as the kernel's lzo1x_decompress_safe does;
    /// zstd and deflate are decoded by libzstd and zlib (decoding is defined by the format).
    public func decompress(_ src: UnsafeRawBufferPointer, into dst: UnsafeMutableRawBufferPointer) throws(DecompressionError) -> Int {
        guard let dstBase = dst.baseAddress else { throw .outputOverrun }
        guard let srcBase = src.baseAddress else { throw .truncated }
        let s = srcBase.assumingMemoryBound(to: UInt8.self)
        let d = dstBase.assumingMemoryBound(to: UInt8.self)
        switch algorithm {
        case .lzo, .lzoRle:
            var n = 0
            let r = cshim_lzo_decompress_safe(s, src.count, d, dst.count, &n)
            switch r {
            case Int32(CSHIM_LZO_OK): return n
            case Int32(CSHIM_LZO_E_INPUT_OVERRUN): throw .truncated
            case Int32(CSHIM_LZO_E_OUTPUT_OVERRUN): throw .outputOverrun
            case Int32(CSHIM_LZO_E_LOOKBEHIND_OVERRUN): throw .lookbehindOverrun
            case Int32(CSHIM_LZO_E_INPUT_NOT_CONSUMED): throw .trailingInput
            case Int32(CSHIM_LZO_E_VERSION): throw .unsupportedVersion
            default: throw .malformed
            }
        case .lz4, .lz4hc:
            let n = cshim_lz4_decompress_safe(s, src.count, d, dst.count)
            if n < 0 { throw .malformed }
            return Int(n)
        case .zstd:
            let n = cshim_zstd_decompress(zstd, s, src.count, d, dst.count)
            if n < 0 { throw .malformed }
            return n
        case .deflate:
            let n = cshim_deflate_decompress(deflate, s, src.count, d, dst.count)
            if n < 0 { throw .malformed }
            return n
        }
    }

    /// Decodes src into a new array of at most `capacity` bytes (a convenience for tests and tools; the
    /// buffer-based form avoids the allocation).
    public func decompress(_ src: [UInt8], capacity: Int = pageSize) throws(DecompressionError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: capacity)
        let result = src.withUnsafeBytes { s in
            out.withUnsafeMutableBytes { d in
                Result { () throws(DecompressionError) -> Int in try decompress(s, into: d) }
            }
        }
        return Array(out[0..<(try result.get())])
    }
}
