import Testing
import TmemCore

/// The encoder against blocks worked out by hand from the LZ4 block format and the kernel's parsing
/// rules (hash of 4 bytes, probe schedule, no match search in the last 12 bytes, 5 trailing literals).
/// The live-kernel test checks the same encoder against zram on real pages.
@Suite struct LZ4EncoderTests {
    static func ascii(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func emptyInputIsOneZeroToken() {
        #expect(LZ4Calls.encode([]) == [0x00])
    }

    /// Under 13 bytes nothing can match: one token with the literal count in its high nibble.
    @Test(arguments: ["h", "hello", "abcabcabcabc"])
    func shortInputsAreAllLiterals(_ text: String) {
        let input = Self.ascii(text)
        #expect(LZ4Calls.encode(input) == [UInt8(input.count << 4)] + input)
    }

    /// 13 bytes: the only probe (position 1) would be followed by position 2 > end - 12, so the kernel
    /// stops before testing it. liblz4 >= 1.8.2 tests it and emits a 10-byte block for the second input
    /// (`13 61 01 00 50 62 61 61 61 0a`); the kernel, and we, keep all 13 bytes as literals.
    @Test(arguments: ["aaaaaaaaaaaaa", "aaaaaaaabaaa\n"])
    func thirteenBytesStayLiteralsAsInTheKernel(_ text: String) {
        let input = Self.ascii(text)
        #expect(input.count == 13)
        #expect(LZ4Calls.encode(input) == [0xD0] + input)
    }

    /// 14 bytes of 'a': position 1 matches position 0 (offset 1); the match runs to end - 5.
    @Test func fourteenEqualBytesGiveOneShortMatch() {
        let input = [UInt8](repeating: 0x61, count: 14)
        // 1 literal, match 4 + 4 = 8 bytes, then the 5 trailing literals.
        #expect(LZ4Calls.encode(input) == [0x14, 0x61, 0x01, 0x00, 0x50, 0x61, 0x61, 0x61, 0x61, 0x61])
    }

    /// "abc" repeated: positions 1 and 2 miss, position 3 matches position 0 at offset 3 and runs to
    /// byte 59 (64 - 5): match length 56 = 4 + 15 + 37.
    @Test func periodThreeRunIsThreeLiteralsAndOneLongMatch() {
        let input = Array(Self.ascii(String(repeating: "abc", count: 22)).prefix(64))
        let expected: [UInt8] = [0x3F, 0x61, 0x62, 0x63, 0x03, 0x00, 37, 0x50] + Self.ascii("cabca")
        #expect(LZ4Calls.encode(input) == expected)
    }

    /// A zero page (zram never compresses it, but the encoder must still be right): 1 literal, then a
    /// 4090-byte match at offset 1 (4090 - 4 - 15 = 4071 = 15 * 255 + 246), then 5 zero literals.
    @Test func zeroPageIsTwentySixBytes() {
        let expected: [UInt8] = [0x1F, 0x00, 0x01, 0x00] + [UInt8](repeating: 255, count: 15) + [246]
            + [0x50, 0, 0, 0, 0, 0]
        #expect(LZ4Calls.encode([UInt8](repeating: 0, count: 4096)) == expected)
    }

    /// After a match ends, the very next position is looked up before probing resumes: here
    /// "12345678" at 32 is found at 16 and emitted as a sequence with no literals.
    @Test func positionRightAfterAMatchIsTriedFirst() {
        let tail = Self.ascii("zyxwvutsrqponm")
        let input = Self.ascii("abcdefghABCDEFGH12345678abcdefgh12345678") + tail
        var expected: [UInt8] = [0xF4, 24 - 15] + Array(input[0..<24]) + [0x18, 0x00]
        expected += [0x04, 0x10, 0x00]
        expected += [0xE0] + tail
        #expect(LZ4Calls.encode(input) == expected)
    }

    /// Random bytes never match: one literal run of 4096 = 15 + 16 * 255 + 1 in the length bytes.
    @Test func incompressiblePageIsOneLiteralRun() {
        var rng = SplitMix64(seed: 42)
        let input = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let encoded = LZ4Calls.encode(input)
        #expect(encoded.count == 1 + 17 + 4096)
        #expect(Array(encoded.prefix(18)) == [0xF0] + [UInt8](repeating: 255, count: 16) + [1])
        #expect(Array(encoded.suffix(4096)) == input)
    }

    @Test(arguments: [0, 1, 12, 13, 100, 4095, 4096, 8192, 65546, 65547, 65548, 100_000, 300_000])
    func roundTripsAcrossSizesAndBothTableWidths(_ size: Int) {
        var rng = SplitMix64(seed: UInt64(size) &+ 7)
        for kind in 0..<4 {
            let input = Self.sample(kind: kind, size: size, rng: &rng)
            let encoded = LZ4Calls.compress(input)
            #expect(encoded.stayedInBounds)
            guard let bytes = encoded.bytes else {
                Issue.record("size \(size) kind \(kind): encoder returned 0 with the worst-case capacity")
                continue
            }
            #expect(bytes.count <= LZ4Calls.bound(size))
            #expect(LZ4Calls.decompress(bytes, capacity: size) == input, "size \(size) kind \(kind)")
        }
    }

    @Test func roundTripsVariedPages() {
        var rng = SplitMix64(seed: 2026)
        for i in 0..<400 {
            let input = Self.sample(kind: i % 6, size: 4096, rng: &rng)
            let bytes = LZ4Calls.encode(input)
            #expect(LZ4Calls.decompress(bytes, capacity: 4096) == input, "page \(i)")
        }
    }

    /// With less room than the worst case the kernel switches to its limited mode, which gives up
    /// (returns 0) rather than parse differently: any success is the same block, and nothing is
    /// written past the capacity.
    @Test func limitedCapacityGivesTheSameBlockOrNothing() {
        var rng = SplitMix64(seed: 99)
        for i in 0..<120 {
            let input = Self.sample(kind: i % 6, size: 4096, rng: &rng)
            let full = LZ4Calls.encode(input)
            for cap in [0, 1, full.count - 1, full.count, full.count + 3, full.count + 20, 4096] where cap >= 0 {
                let limited = LZ4Calls.compress(input, capacity: cap)
                #expect(limited.stayedInBounds, "page \(i) cap \(cap)")
                if let bytes = limited.bytes { #expect(bytes == full, "page \(i) cap \(cap)") }
                if cap < full.count { #expect(limited.bytes == nil, "page \(i) cap \(cap)") }
            }
        }
    }

    /// A random page needs 4114 bytes, so a 4096-byte destination (zswap's) must be refused.
    @Test func randomPageDoesNotFitInOnePage() {
        var rng = SplitMix64(seed: 5)
        let input = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) }
        #expect(LZ4Calls.compress(input, capacity: 4096).bytes == nil)
    }

    /// Test data: random, sparse, short-period, text-like, random with a repeated tail, mostly zero.
    static func sample(kind: Int, size: Int, rng: inout SplitMix64) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: size)
        guard size > 0 else { return b }
        switch kind {
        case 0:
            for i in 0..<size { b[i] = UInt8.random(in: 0...255, using: &rng) }
        case 1:
            for _ in 0..<max(1, size / 200) { b[Int.random(in: 0..<size, using: &rng)] = UInt8.random(in: 1...255, using: &rng) }
        case 2:
            let period = Int.random(in: 1...40, using: &rng)
            let pattern = (0..<period).map { _ in UInt8.random(in: 0...255, using: &rng) }
            for i in 0..<size { b[i] = pattern[i % period] }
            for _ in 0..<Int.random(in: 0...20, using: &rng) { b[Int.random(in: 0..<size, using: &rng)] ^= 0x5A }
        case 3:
            let words = ["static", "int", "return", "struct", " ", " ", "\n", "(void)", "0x1f", "page", ";"]
            var i = 0
            while i < size {
                for c in words[Int.random(in: 0..<words.count, using: &rng)].utf8 where i < size { b[i] = c; i += 1 }
            }
        case 4:
            for i in 0..<size { b[i] = UInt8.random(in: 0...255, using: &rng) }
            let cut = size * 3 / 4
            let from = Int.random(in: 0...(cut / 2), using: &rng)
            for i in cut..<size where from + i - cut < cut { b[i] = b[from + i - cut] }
        default:
            for _ in 0..<8 {
                let at = Int.random(in: 0..<size, using: &rng)
                for i in at..<min(size, at + 64) { b[i] = UInt8.random(in: 0...3, using: &rng) }
            }
        }
        return b
    }
}
