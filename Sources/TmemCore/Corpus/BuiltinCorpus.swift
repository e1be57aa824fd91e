/// The built-in page mix: a deterministic, seeded set of pages that look like what zram really receives
/// (zero and other same-filled pages, text, source code, arrays of records, pointer-rich heap, sparse and
/// partly used pages, incompressible data), generated in code so that every machine gets the same bytes.
///
/// Page i depends only on (seed, i), so a shorter corpus is a prefix of a longer one with the same seed.
public enum BuiltinCorpus {
    /// What a generated page imitates; the share of each is `weight` percent.
    public enum Kind: String, CaseIterable, Sendable {
        case zero, sameFilled, text, code, records, heap, sparse, partial, random

        var weight: Int {
            switch self {
            case .zero: return 10
            case .sameFilled: return 4
            case .text: return 15
            case .code: return 14
            case .records: return 16
            case .heap: return 13
            case .sparse: return 12
            case .partial: return 8
            case .random: return 8
            }
        }
    }

    public static func generate(pages: Int, seed: UInt64) -> PageCorpus {
        precondition(PageCorpus.pageCountRange.contains(pages), "a corpus holds 1...\(PageCorpus.maxPages) pages")
        return PageCorpus(pages: pages) { all in fill(all, pages: 0..<pages, seed: seed) }
    }

    /// Pages `range` of the mix with `seed` into `buffer` (range.count pages), as `generate` makes them: a writer
    /// can stream a mix of any size through one chunk.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer, pages range: Range<Int>, seed: UInt64) {
        precondition(buffer.count >= range.count * pageSize)
        for (k, i) in range.enumerated() {
            let page = UnsafeMutableRawBufferPointer(rebasing: buffer[k * pageSize ..< (k + 1) * pageSize])
            // Kinds that leave bytes alone (zero, sparse, partial) mean zeros there, whatever the buffer held.
            page.initializeMemory(as: UInt8.self, repeating: 0)
            var rng = pageGenerator(seed: seed, index: i)
            fill(page, kind: kind(using: &rng), rng: &rng)
        }
    }

    /// The kind of page i, as generate() chooses it.
    public static func kind(ofPage index: Int, seed: UInt64) -> Kind {
        var rng = pageGenerator(seed: seed, index: index)
        return kind(using: &rng)
    }

    static func pageGenerator(seed: UInt64, index: Int) -> SplitMix64 {
        // Mix the index through one SplitMix64 step so neighbouring pages get unrelated streams.
        var mixer = SplitMix64(seed: seed ^ (UInt64(index) &* 0xD6E8_FEB8_6659_FD93))
        return SplitMix64(seed: mixer.next())
    }

    static func kind(using rng: inout SplitMix64) -> Kind {
        var r = Int(rng.next() % 100)
        for k in Kind.allCases {
            if r < k.weight { return k }
            r -= k.weight
        }
        return .random
    }

    static func fill(_ page: UnsafeMutableRawBufferPointer, kind: Kind, rng: inout SplitMix64) {
        switch kind {
        case .zero:
            break
        case .sameFilled:
            let patterns: [UInt64] = [.max, 0x0101_0101_0101_0101, 0x2020_2020_2020_2020, 0xDEAD_BEEF_DEAD_BEEF]
            let word = rng.next() % 4 == 0 ? rng.next() : patterns[Int(rng.next() % UInt64(patterns.count))]
            fillWords(page) { _ in word }
        case .text:
            TextSynth.writeProse(into: page, start: 0, rng: &rng)
        case .code:
            TextSynth.writeCode(into: page, start: 0, rng: &rng)
        case .records:
            writeRecords(page, rng: &rng)
        case .heap:
            writeHeap(page, rng: &rng)
        case .sparse:
            let islands = 1 + Int(rng.next() % 24)
            for _ in 0..<islands {
                let len = 1 + Int(rng.next() % 48)
                let at = Int(rng.next() % UInt64(pageSize - len))
                for j in 0..<len { page[at + j] = UInt8(truncatingIfNeeded: rng.next()) }
            }
        case .partial:
            // A page used only up to some point (a heap top, the end of a file): data, then zeros.
            let used = 256 + Int(rng.next() % UInt64(pageSize - 512))
            let head = UnsafeMutableRawBufferPointer(rebasing: page[0..<used])
            switch rng.next() % 3 {
            case 0: TextSynth.writeProse(into: head, start: 0, rng: &rng)
            case 1: writeRecords(head, rng: &rng)
            default: writeHeap(head, rng: &rng)
            }
        case .random:
            fillWords(page) { _ in rng.next() }
        }
    }

    static func fillWords(_ page: UnsafeMutableRawBufferPointer, _ word: (Int) -> UInt64) {
        let words = page.count / 8
        for w in 0..<words { page.storeBytes(of: word(w).littleEndian, toByteOffset: w * 8, as: UInt64.self) }
    }

    /// An array of C structs: { u64 id; u32 flags; u32 count; f64 score; void *next; } (32 bytes), ids
    /// rising, flags from a small set, small counts, pointers into one region.
    static func writeRecords(_ page: UnsafeMutableRawBufferPointer, rng: inout SplitMix64) {
        var id = rng.next() % 1_000_000
        let base: UInt64 = 0x0000_5600_0000_0000 | (rng.next() & 0xFF_FFFF_F000)
        let flags: [UInt32] = [0, 1, 3, 0x10, 0x8001]
        var off = 0
        while off + 32 <= page.count {
            id += 1 + rng.next() % 3
            page.storeBytes(of: id.littleEndian, toByteOffset: off, as: UInt64.self)
            page.storeBytes(of: flags[Int(rng.next() % 5)].littleEndian, toByteOffset: off + 8, as: UInt32.self)
            page.storeBytes(of: UInt32(rng.next() % 100).littleEndian, toByteOffset: off + 12, as: UInt32.self)
            let score = Double(rng.next() % 10_000) / 100
            page.storeBytes(of: score.bitPattern.littleEndian, toByteOffset: off + 16, as: UInt64.self)
            let next = rng.next() % 4 == 0 ? 0 : base + (rng.next() % 4096) * 32
            page.storeBytes(of: next.littleEndian, toByteOffset: off + 24, as: UInt64.self)
            off += 32
        }
    }

    /// Malloc'd heap: 8-byte words that are pointers near each other, small integers, zeros and the odd
    /// random value, in allocation-sized chunks with headers.
    static func writeHeap(_ page: UnsafeMutableRawBufferPointer, rng: inout SplitMix64) {
        let base: UInt64 = 0x0000_55D0_0000_0000 | (rng.next() & 0x0FFF_F000_0000)
        var w = 0
        let words = page.count / 8
        while w < words {
            let chunkWords = min(words - w, 2 + Int(rng.next() % 14))
            // Chunk header: size with the in-use bit, as glibc malloc lays it out.
            page.storeBytes(of: (UInt64(chunkWords * 8) | 1).littleEndian, toByteOffset: w * 8, as: UInt64.self)
            for j in 1..<max(chunkWords, 1) {
                let r = rng.next()
                let v: UInt64
                switch r % 8 {
                case 0, 1, 2: v = base + ((r >> 8) % 0x10_0000) * 16
                case 3, 4: v = (r >> 8) % 256
                case 5: v = 0
                case 6: v = (r >> 8) % 65536
                default: v = rng.next()
                }
                page.storeBytes(of: v.littleEndian, toByteOffset: (w + j) * 8, as: UInt64.self)
            }
            w += chunkWords
        }
    }
}
