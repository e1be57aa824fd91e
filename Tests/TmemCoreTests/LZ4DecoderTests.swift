import Testing
import TmemCore

/// The decoder against hand-made blocks and hostile input. Buffers end at an inaccessible page, so an
/// over-read or over-write crashes the test run instead of passing unnoticed.
@Suite struct LZ4DecoderTests {
    /// One pair per test (Swift Testing makes a suite instance per test, and tests run in parallel).
    let guarded = GuardedBuffers(srcSpace: 70_000, dstSpace: 70_000)

    func decode(_ stream: [UInt8], capacity: Int) -> [UInt8]? {
        let (r, out) = guarded.decode(stream, capacity: capacity)
        return r >= 0 ? out : nil
    }

    @Test func decodesHandMadeBlocks() {
        // One literal run.
        #expect(decode([0x30, 0x61, 0x62, 0x63], capacity: 3) == Array("abc".utf8))
        #expect(decode([0x00], capacity: 0) == [])
        // "ab", then 6 bytes at offset 2 (overlapping copy), then 1 literal.
        #expect(decode([0x22, 0x61, 0x62, 0x02, 0x00, 0x10, 0x7A], capacity: 9) == Array("ababababz".utf8))
        // Literal run of 15 + 3 = 18 needs one extra length byte.
        let eighteen = [UInt8](repeating: 0x41, count: 18)
        #expect(decode([0xF0, 0x03] + eighteen, capacity: 18) == eighteen)
        // Match length 4 + 15 + 255 + 1 = 275 at offset 1 needs two extra length bytes.
        let run = decode([0x1F, 0x78, 0x01, 0x00, 0xFF, 0x01, 0x00], capacity: 276)
        #expect(run == [UInt8](repeating: 0x78, count: 276))
    }

    @Test func rejectsOffsetsBeforeTheOutputStart() {
        #expect(decode([0x10, 0x61, 0x02, 0x00, 0x00], capacity: 64) == nil)  // 1 byte produced, offset 2
        #expect(decode([0x00, 0x01, 0x00, 0x00], capacity: 64) == nil)        // nothing produced yet
        #expect(decode([0x10, 0x61, 0x00, 0x00, 0x00], capacity: 64) == nil)  // offset 0 is invalid
        #expect(decode([0x10, 0x61, 0xFF, 0xFF, 0x00], capacity: 64) == nil)
        // Offset exactly back to the first byte is fine.
        #expect(decode([0x10, 0x61, 0x01, 0x00, 0x00], capacity: 64) == [UInt8](repeating: 0x61, count: 5))
    }

    @Test func rejectsLengthsPastEitherEnd() {
        #expect(decode([], capacity: 64) == nil)
        #expect(decode([0x50, 1, 2, 3], capacity: 64) == nil)                 // 5 literals, 3 present
        #expect(decode([0x30, 1, 2, 3], capacity: 2) == nil)                  // 3 literals, room for 2
        #expect(decode([0xF0], capacity: 64) == nil)                          // length byte missing
        #expect(decode([0x10, 0x61, 0x01], capacity: 64) == nil)             // half an offset
        #expect(decode([0x10, 0x61, 0x01, 0x00], capacity: 64) == nil)       // ends after a match
        #expect(decode([0x1F, 0x61, 0x01, 0x00, 0xFF], capacity: 1000) == nil) // match length cut off
        #expect(decode([0x1F, 0x61, 0x01, 0x00, 0x10, 0x00], capacity: 20) == nil) // match past capacity
        // Exactly enough room succeeds, one byte less fails.
        #expect(decode([0x1F, 0x61, 0x01, 0x00, 0x00, 0x00], capacity: 20) == [UInt8](repeating: 0x61, count: 20))
        #expect(decode([0x1F, 0x61, 0x01, 0x00, 0x00, 0x00], capacity: 19) == nil)
    }

    /// 60,000 bytes of 255 claim a literal length far past any capacity: rejected quickly, no overflow.
    @Test func rejectsRunawayLengthBytes() {
        let stream = [0xF0] + [UInt8](repeating: 0xFF, count: 60_000)
        #expect(decode(stream, capacity: 65_536) == nil)
        let matchRun = [0x1F, 0x61, 0x01, 0x00] + [UInt8](repeating: 0xFF, count: 60_000) + [0x00, 0x00]
        #expect(decode(matchRun, capacity: 65_536) == nil)
    }

    /// 12,000 random streams: any result is within the capacity; most are rejected.
    @Test func randomStreamsNeverEscapeTheirBuffers() {
        var rng = SplitMix64(seed: 0xDEC0DE)
        var accepted = 0
        for _ in 0..<12_000 {
            let length = Int.random(in: 0...96, using: &rng)
            var stream = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if length > 0, Bool.random(using: &rng) { stream[0] &= 0x3F }  // small lengths: get further in
            let capacity = Int.random(in: 0...4096, using: &rng)
            let (r, _) = guarded.decode(stream, capacity: capacity)
            #expect(r <= Int32(capacity))
            if r >= 0 { accepted += 1 }
        }
        #expect(accepted < 12_000)
    }

    /// Every prefix of 100 valid blocks: rejected, or (cut right after a literal run) a prefix of the data.
    @Test func truncatedStreamsFailOrYieldAPrefix() {
        var rng = SplitMix64(seed: 7)
        var cases = 0
        for i in 0..<100 {
            let input = LZ4EncoderTests.sample(kind: i % 6, size: Int.random(in: 13...600, using: &rng), rng: &rng)
            let stream = LZ4Calls.encode(input)
            for cut in 0..<stream.count {
                let (r, out) = guarded.decode(Array(stream[..<cut]), capacity: input.count)
                if r >= 0 {
                    #expect(Int(r) < input.count && out == Array(input[..<Int(r)]), "block \(i) cut \(cut)")
                }
                cases += 1
            }
        }
        #expect(cases > 10_000)
    }

    /// 12,000 valid page blocks with 1 to 3 flipped bits, decoded with tight and loose capacities.
    @Test func bitFlippedStreamsNeverEscapeTheirBuffers() {
        var rng = SplitMix64(seed: 11)
        var streams: [[UInt8]] = []
        for i in 0..<60 {
            streams.append(LZ4Calls.encode(LZ4EncoderTests.sample(kind: i % 6, size: 4096, rng: &rng)))
        }
        for n in 0..<12_000 {
            var s = streams[n % streams.count]
            for _ in 0...Int.random(in: 0...2, using: &rng) {
                s[Int.random(in: 0..<s.count, using: &rng)] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
            }
            let capacity = n % 2 == 0 ? 4096 : 65_536
            let (r, _) = guarded.decode(s, capacity: capacity)
            #expect(r <= Int32(capacity))
        }
    }
}
