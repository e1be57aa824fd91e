import CShim
import Testing
import TmemCore

/// lz4hc, zstd and deflate on the host side: blocks worked out by hand from the LZ4 block and zstd frame formats
/// and the kernel's parsing rules, and round trips through decoders that are not ours (liblz4's). Whether the
/// bytes are the kernel's is settled against the kernels themselves (GuestKernelTests' per-page test).
@Suite struct KernelCompressorTests {
    static func lz4hc(_ input: [UInt8], level: Int32 = 9) -> [UInt8] {
        let work = UnsafeMutableRawPointer.allocate(byteCount: Int(CSHIM_LZ4HC_WRKMEM_SIZE), alignment: 64)
        defer { work.deallocate() }
        var out = [UInt8](repeating: 0, count: input.count + input.count / 255 + 16)
        let n = input.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                cshim_lz4hc_compress(i.baseAddress ?? UnsafePointer(bitPattern: 8)!, i.count, o.baseAddress!, o.count, level, work)
            }
        }
        return Array(out[0..<n])
    }

    /// Under 13 bytes no match is searched: one token and the literals.
    @Test func shortInputIsLiterals() {
        let input = Array("hello".utf8)
        #expect(Self.lz4hc(input) == [0x50] + input)
    }

    /// 32 × 'a': the first byte is a literal; position 1 matches position 0 (offset 1) up to 5 bytes before the
    /// end (26 bytes: token nibble 15 plus a length byte 7); the match ends past end - 12, so no wider search;
    /// then the 5 trailing literals.
    @Test func runOfOneByteIsOneMatch() {
        let input = [UInt8](repeating: 0x61, count: 32)
        #expect(Self.lz4hc(input) == [0x1F, 0x61, 0x01, 0x00, 0x07, 0x50, 0x61, 0x61, 0x61, 0x61, 0x61])
    }

    /// Every level's output of the built-in mix decodes to the page with liblz4's decoder, not only ours.
    @Test(arguments: [1, 4, 9, 12, 16])
    func everyLevelDecodesWithLiblz4(_ level: Int) {
        let corpus = BuiltinCorpus.generate(pages: 96, seed: 5)
        let compressor = PageCompressor(CompressorSettings(.lz4hc, level: level))
        let stride = 4608
        var streams = [UInt8](repeating: 0, count: corpus.pageCount * stride)
        var sizes = [UInt32](repeating: 0, count: corpus.pageCount)
        for i in 0..<corpus.pageCount {
            let n = corpus.withPage(i) { compressor.compress($0) }
            #expect(n <= PageCompressor.outputCapacity)
            for k in 0..<n { streams[i * stride + k] = compressor.output[k] }
            sizes[i] = UInt32(n)
        }
        var decoded = [UInt8](repeating: 0, count: corpus.pageCount * pageSize)
        let whole = cshim_baseline_decompress_pages(CSHIM_BASELINE_LIBLZ4, streams, corpus.pageCount, stride, sizes, &decoded)
        #expect(whole == corpus.pageCount)
        #expect(decoded == corpus.bytes)
    }

    /// zram's zstd frame: magic, then a header with the single-segment flag and a 2-byte content size (4096 is
    /// stored as 4096 - 256), as both the crypto path and the backend write it (content size known, no checksum,
    /// no dictionary id).
    @Test(arguments: [CompressionPath.cryptoAPI, .zramBackend])
    func zstdFrameHeaderCarriesThePageSize(_ path: CompressionPath) throws {
        let page = [UInt8]((0..<pageSize).map { UInt8(truncatingIfNeeded: $0 * 7 / 3) })
        let compressor = PageCompressor(CompressorSettings(.zstd, path: path))
        let n = compressor.compress(page)
        let head = Array(compressor.output.prefix(7))
        #expect(head == [0x28, 0xB5, 0x2F, 0xFD, 0x60, 0x00, 0x0F])
        #expect(try compressor.decompress(Array(compressor.output.prefix(n))) == page)
    }

    /// Raw deflate of nothing is one final fixed-Huffman block holding only end-of-block: 03 00.
    @Test func deflateOfNothingIsAnEmptyFixedBlock() {
        let d = cshim_deflate_create(6, -11)
        defer { cshim_deflate_free(d) }
        var out = [UInt8](repeating: 0, count: 64)
        var none: UInt8 = 0
        let n = cshim_deflate_compress(d, &none, 0, &out, out.count)
        #expect(Array(out[0..<n]) == [0x03, 0x00])
    }

    /// What algorithm_params gets, and what the kernel would refuse.
    @Test func settingsAndTheirParameters() {
        #expect(CompressorSettings(.zstd).algorithmParams == nil)
        #expect(CompressorSettings(.zstd, level: 9).algorithmParams == "algo=zstd level=9")
        #expect(CompressorSettings(.deflate, level: 1, windowBits: -12).algorithmParams == "algo=deflate level=1 deflate.winbits=-12")
        #expect(CompressorSettings(.zstd, level: 23).invalidReason != nil)
        #expect(CompressorSettings(.lz4hc, level: 17).invalidReason != nil)
        #expect(CompressorSettings(.lz4, level: 2).invalidReason != nil)
        #expect(CompressorSettings(.zstd, windowBits: -12).invalidReason != nil)
        #expect(CompressorSettings(.deflate, windowBits: -16).invalidReason != nil)
        #expect(CompressorSettings(.zstd, level: 3, path: .cryptoAPI).invalidReason != nil)
        #expect(CompressorSettings(.deflate).effectiveWindowBits == -11 && CompressorSettings(.deflate).effectiveLevel == 6)
    }
}
