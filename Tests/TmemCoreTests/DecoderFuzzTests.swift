import Testing
import TmemCore
import TmemTestSupport

/// Hostile input for every decoder: random bytes, truncated and bit-flipped real streams. Input and
/// output both end flush against a guard page, so any over-read or over-write crashes the run; every case
/// must end in a result or a DecompressionError. 35,000+ cases per algorithm, 100k+ in total.
@Suite struct DecoderFuzzTests {
    static let pagesPerAlgorithm = 64
    static let truncationsPerPage = 150
    static let flipsPerPage = 300
    static let randomStreams = 12_000

    struct Tally { var cases = 0, decoded = 0 }

    @Test(arguments: CompressionAlgorithm.allCases)
    func decodersSurviveHostileInput(_ algorithm: CompressionAlgorithm) throws {
        let compressor = PageCompressor(algorithm)
        let input = GuardedBuffer(capacity: 2 * pageSize)
        let output = GuardedBuffer(capacity: pageSize)
        let dst = output.tail(pageSize)
        var rng = SplitMix64(seed: 0xF022 &+ UInt64(algorithm.rawValue.utf8.count))
        var tally = Tally()

        func run(_ stream: UnsafeRawBufferPointer) -> Int? {
            tally.cases += 1
            let src = input.holding(stream)
            do throws(DecompressionError) {
                let n = try compressor.decompress(src, into: dst)
                tally.decoded += 1
                return n
            } catch {
                return nil
            }
        }

        let corpus = BuiltinCorpus.generate(pages: Self.pagesPerAlgorithm, seed: 77)
        for i in 0..<corpus.pageCount {
            let page = corpus.page(i)
            _ = compressor.compress(page)
            var stream = Array(compressor.output)
            // The intact stream decodes to the page (the baseline the mutations depart from).
            let n = stream.withUnsafeBytes { run($0) }
            #expect(n == pageSize && Array(dst) == page)

            // Truncations: a prefix can never reproduce the page. An LZO prefix of 5 bytes or more also
            // lacks the end marker, so it must fail (a shorter one loses the version header and can read
            // as a different, valid stream: `11 01 00` is an empty v0 stream); so must a zstd frame (its
            // header states the content size) or a deflate stream (no final block). An LZ4 block has no
            // end marker: lz4 and lz4hc prefixes may decode to fewer bytes.
            for _ in 0..<Self.truncationsPerPage {
                let cut = Int(rng.next() % UInt64(stream.count))
                let r = stream.withUnsafeBytes { run(UnsafeRawBufferPointer(rebasing: $0[0..<cut])) }
                #expect(r == nil || r! < pageSize || Array(dst) != page, "page \(i) cut at \(cut)")
                if algorithm != .lz4 && algorithm != .lz4hc && cut >= 5 {
                    #expect(r == nil, "page \(i) cut at \(cut) of \(stream.count) decoded")
                }
            }
            // Bit flips: 1 to 4 random bits anywhere.
            for _ in 0..<Self.flipsPerPage {
                var flipped = stream
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    let bit = Int(rng.next() % UInt64(flipped.count * 8))
                    flipped[bit / 8] ^= UInt8(1 << (bit % 8))
                }
                _ = flipped.withUnsafeBytes { run($0) }
            }
            stream.removeAll()
        }

        // Random streams, sometimes behind a valid-looking header so the decoder gets past the first byte.
        var buffer = [UInt8](repeating: 0, count: 512)
        for k in 0..<Self.randomStreams {
            let length = Int(rng.next() % 512)
            for j in 0..<length { buffer[j] = UInt8(truncatingIfNeeded: rng.next()) }
            switch algorithm {
            case .lzo, .lzoRle:
                if length >= 2 && k % 3 == 0 { buffer[0] = 0x11; buffer[1] = UInt8(k % 2) }
            case .zstd:
                // A frame header for 4096 bytes, single segment, then random blocks.
                if length >= 7 && k % 3 == 0 { buffer.replaceSubrange(0..<7, with: [0x28, 0xB5, 0x2F, 0xFD, 0x60, 0x00, 0x0F]) }
            case .lz4, .lz4hc, .deflate: break
            }
            _ = buffer.withUnsafeBytes { run(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
        }

        #expect(tally.cases >= 35_000)
        // Bit flips in literal bytes leave streams valid, so some mutated cases must decode.
        #expect(tally.decoded > Self.pagesPerAlgorithm)
    }
}
