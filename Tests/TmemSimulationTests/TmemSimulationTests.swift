import Testing
@testable import TmemCore
@testable import TmemSimulation

@Suite struct TmemSimulationTests {
    /// Corpus: page 0 zero, pages 1-3 distinct text (compressible), page 4 random (incompressible).
    static let corpus: PageCorpus = {
        var bytes = [UInt8](repeating: 0, count: 4096)
        for p in textPages(3, salt: 77) { bytes += p }
        var rng = SplitMix64(seed: 4)
        bytes += (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        return try! PageCorpus(bytes: bytes)
    }()

    func simulate(_ text: String) throws -> SimulationReport {
        var sim = TmemSimulator(workload: .trace, memory: 1 << 24, memlimit: nil, algorithm: .lzo, policy: .ours,
                                corpus: Self.corpus)
        sim.traceText = text
        return try sim.run()
    }

    @Test func aTraceReplaysThroughBothTables() throws {
        let r = try simulate("""
        # swap: two slots with the same text page (stored once), one random page (refused: goes to disk)
        swapon 0 64
        swapout 0 5 1
        swapout 0 6 1
        swapout 0 7 4
        swapin 0 5      # frontswap
        swapin 0 7      # disk
        swapfree 0 6
        mount data
        evict data 10 0 2
        read data 10 0  # cleancache hit
        read data 10 0  # exclusive: miss
        evict data 10 1 3
        evict data 11 0 3
        truncate data 10
        read data 10 1  # truncated: miss
        read data 11 0  # other inode: hit
        umount data
        swapoff 0
        """)
        let t = try #require(r.trace)
        #expect(t.events == 18)
        #expect(t.swapLoadsFromFrontswap == 1 && t.swapLoadsFromDisk == 1)
        #expect(t.cleancacheHits == 2 && t.cleancacheMisses == 2 && t.corruptPages == 0)
        // Page 1 twice in the swap pool, page 3 twice in the filesystem pool.
        #expect(r.counters.dedupHits == 2 && r.counters.compressPoor == 1)
        let f = try #require(r.frontswap)
        #expect(f.succStores == 2 && f.failedStores == 1 && f.pswpout == 1 && f.pswpin == 1)
        // Everything was handed back by swapoff and umount.
        #expect(r.counters.poolPages == 0 && r.counters.storedPages == 0 && r.pools.isEmpty)
    }

    @Test func traceErrorsNameTheLine() throws {
        #expect(throws: TraceError(line: 2, message: "'swapout' takes 3 field(s), got 2")) {
            try simulate("swapon 0 8\nswapout 0 5\n")
        }
        #expect(throws: TraceError(line: 1, message: "swap type 0 is not on")) { try simulate("swapin 0 1") }
        #expect(throws: TraceError(line: 3, message: "unknown event 'frobnicate' (swapon swapout swapin swapfree swapoff mount evict read invalidate truncate umount)")) {
            try simulate("mount a\n\nfrobnicate\n")
        }
        #expect(throws: TraceError(line: 1, message: "swap type 40 is not in 0-31")) { try simulate("swapon 40 8") }
    }

    @Test func usememWithoutALimitIsOOMKilledAndWithOneItIsNot() throws {
        let corpus = BuiltinCorpus.generate(pages: 512, seed: 3)
        let memory = 4 << 20                         // 1024 frames
        var sim = TmemSimulator(workload: .usemem, memory: memory, memlimit: nil, algorithm: .lzo, policy: .ours,
                                corpus: corpus)
        let unlimited = try sim.run()
        sim.memlimit = memory / 10
        let limited = try sim.run()
        let u = try #require(unlimited.usemem), l = try #require(limited.usemem)
        // usemem wants 7/8 of 1024 frames = 896; other processes fill 512.
        #expect(u.targetPages == 896 && u.backgroundPages == 512 && u.ramPages == 1024)
        #expect(u.oom && u.mlockedPages < 896)
        #expect(!l.oom && l.mlockedPages == 896 && l.memlimitHeld)
        #expect(limited.peakPoolTotalSize <= memory / 10)
        #expect(l.pagesToDisk > 0)
        // At the OOM the frames were all taken: usemem's, the store's, and at most the watermark free.
        #expect(u.mlockedPages + unlimited.counters.poolPages >= 1024 - TmemSimulator.watermark)
    }

    @Test func pagecacheZipfAccountsForEveryRead() throws {
        var sim = TmemSimulator(workload: .pagecacheZipf, memory: 1 << 20, memlimit: 1 << 17, algorithm: .lz4,
                                policy: .kztmem, corpus: BuiltinCorpus.generate(pages: 256, seed: 2))
        sim.reads = 5000
        let r = try sim.run()
        let p = try #require(r.pagecache), c = try #require(r.cleancache)
        #expect(p.reads == 5000 && p.corruptPages == 0)
        #expect(c.pageCacheHits + c.cleancacheHits + c.diskReads == 5000)
        #expect(p.diskReadsAvoided == p.baselineDiskReads - p.diskReads)
        #expect(r.peakPoolTotalSize <= 1 << 17)
        #expect(c.cleancacheHits > 0 && r.timeSeries.count >= 10)
    }
}
