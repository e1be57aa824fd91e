import Testing
import TmemCore

@Suite struct PageCorpusTests {
    @Test func emptyAndPartialCorporaAreRejectedWithTheReason() {
        #expect(throws: PageCorpusError.empty) { try PageCorpus(bytes: []) }
        #expect(throws: PageCorpusError.partialLastPage(byteCount: 8292)) {
            try PageCorpus(bytes: [UInt8](repeating: 1, count: 8292))
        }
        #expect(PageCorpusError.partialLastPage(byteCount: 8292).description.contains("last page is only 100 bytes"))
    }

    @Test func pagesAreTheConsecutive4KiBSlices() throws {
        var bytes = [UInt8](repeating: 0, count: 3 * pageSize)
        bytes[pageSize] = 7
        bytes[3 * pageSize - 1] = 9
        let corpus = try PageCorpus(bytes: bytes)
        #expect(corpus.pageCount == 3)
        #expect(corpus.page(1).first == 7)
        #expect(corpus.page(2).last == 9)
        #expect(corpus.withPage(0) { $0.count } == pageSize)
    }
}

@Suite struct BuiltinCorpusTests {
    @Test func sameSeedSameBytesAndShorterIsAPrefix() {
        let a = BuiltinCorpus.generate(pages: 40, seed: 9)
        let b = BuiltinCorpus.generate(pages: 100, seed: 9)
        #expect(a.bytes[...] == b.bytes[0..<a.bytes.count])
        #expect(BuiltinCorpus.generate(pages: 40, seed: 10).bytes != a.bytes)
    }

    /// The mix must exercise every path zram has: same-filled (zero and not), huge, well and poorly
    /// compressible pages. Thresholds are from docs/kernel-notes.md#zram-write-accounting (huge at >= 3625 bytes).
    @Test func mixCoversEveryZramPath() {
        let corpus = BuiltinCorpus.generate(pages: 1000, seed: 1)
        let lzo = PageCompressor(.lzo)
        var zero = 0, sameNonZero = 0, huge = 0, small = 0, medium = 0
        for i in 0..<corpus.pageCount {
            corpus.withPage(i) { page in
                switch PageClassifier.classify(page) {
                case .sameFilled(let fill): if fill == 0 { zero += 1 } else { sameNonZero += 1 }
                case .other:
                    let n = lzo.compress(page)
                    if n >= 3625 { huge += 1 } else if n < 1024 { small += 1 } else { medium += 1 }
                }
            }
        }
        // Shares are 10% zero, 4% other same-filled, 8% random (huge); allow generous sampling slack.
        #expect((60...140).contains(zero))
        #expect((15...70).contains(sameNonZero))
        #expect((40...140).contains(huge))
        #expect(small > 100 && medium > 100)
    }
}
