import Testing
import TmemCore

@Suite struct ZsmallocAllocatorTests {
    /// docs/kernel-notes.md#zsmalloc-class-tables worked example: 1560 + 8 = 1568 B is the 5-page, 13-object class.
    @Test func classGeometryDecidesWhenPagesAreNeeded() {
        let a = ZsmallocAllocator()
        var handles: [UInt64] = []
        for i in 0..<14 {
            #expect(a.pagesNeeded(forAllocating: 1560) == (i % 13 == 0 ? 5 : 0))
            handles.append(a.allocate(1560)!)
        }
        #expect(a.totalPages == 10)
        a.free(handles.removeLast())
        #expect(a.totalPages == 5)
        #expect(a.pagesNeeded(forAllocating: 1560) == 5)
        a.free(handles.removeLast())
        #expect(a.pagesNeeded(forAllocating: 1560) == 0)
        #expect(a.allocate(4097) == nil && a.allocate(0) == nil)
    }

    /// The prediction always equals what the model then does, over random mallocs and frees.
    @Test func predictionMatchesTheModelUnderRandomTraffic() {
        var rng = SplitMix64(seed: 3)
        let a = ZsmallocAllocator()
        var live: [UInt64] = []
        for _ in 0..<20_000 {
            if live.isEmpty || rng.next() % 3 != 0 {
                let size = 1 + Int(rng.next() % 4096)
                let predicted = a.pagesNeeded(forAllocating: size)
                let before = a.totalPages
                live.append(a.allocate(size)!)
                #expect(a.totalPages - before == predicted)
            } else {
                let i = Int(rng.next() % UInt64(live.count))
                live.swapAt(i, live.count - 1)
                a.free(live.removeLast())
            }
        }
    }
}

/// The store with the real compressors and the built-in page mix.
@Suite struct TmemRealPagesTests {
    @Test(arguments: CompressionAlgorithm.allCases)
    func everyKeptPageComesBackExactly(algorithm: CompressionAlgorithm) throws {
        let corpus = BuiltinCorpus.generate(pages: 400, seed: 11)
        let store = TmemStore(configuration: TmemConfiguration(policy: .ours), algorithm: algorithm)
        let pers = try store.createPool(kind: .privatePersistent)
        let eph = try store.createPool(kind: .privateEphemeral)
        var kept: [Int] = []
        for i in 0..<corpus.pageCount {
            let a = corpus.withPage(i) { store.put(pool: pers, object: TmemObjectID(1), index: UInt32(i), page: $0) }
            let b = corpus.withPage(i) { store.put(pool: eph, object: TmemObjectID(1), index: UInt32(i), page: $0) }
            #expect(a == b || !a)  // what persistent keeps (≤ 3624 B) ephemeral keeps too (≤ 3904 B)
            if a { kept.append(i) }
        }
        #expect(kept.count > 200)
        for i in kept {
            #expect(store.get(pers, TmemObjectID(1), UInt32(i)) == corpus.page(i))
            #expect(store.get(eph, TmemObjectID(1), UInt32(i)) == corpus.page(i))
        }
    }

    @Test func compressedLengthsDecideAcceptance() throws {
        // Each page's fate under zcache-2010 follows from its own compressed length (≤ 2048 kept).
        let corpus = BuiltinCorpus.generate(pages: 300, seed: 5)
        let lzo = PageCompressor(.lzo)
        let store = TmemStore(configuration: TmemConfiguration(policy: .zcache2010, deduplication: false,
                                                               sameFilledPages: false), algorithm: .lzo)
        let pool = try store.createPool(kind: .privatePersistent)
        var expectedPoor = 0
        for i in 0..<corpus.pageCount {
            let length = corpus.withPage(i) { lzo.compress($0) }
            let ok = corpus.withPage(i) { store.put(pool: pool, object: TmemObjectID(2), index: UInt32(i), page: $0) }
            #expect(ok == (length <= 2048))
            if length > 2048 { expectedPoor += 1 }
        }
        #expect(store.counterSnapshot.compressPoor == expectedPoor && expectedPoor > 0)
    }
}
