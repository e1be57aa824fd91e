import TmemCore

/// Runs a workload against a fresh tmem store through the kernel-side simulations (frontswap and cleancache
/// ops tables only), and reports what the store and the kernel side saw.
public struct TmemSimulator {
    public var workload: SimulationWorkload
    /// RAM of the simulated machine, bytes.
    public var memory: Int
    /// Store-wide memlimit, bytes (nil = unlimited).
    public var memlimit: Int?
    /// Limit of each pool, bytes (nil = only the store's).
    public var poolMemlimit: Int?
    public var algorithm: CompressionAlgorithm
    public var policy: AcceptancePolicy
    public var corpus: PageCorpus
    public var seed: UInt64 = 1
    public var zipfExponent = 0.9
    /// Reads of the pagecache workload (nil = four passes' worth of the file set).
    public var reads: Int?
    /// The trace text (workload `trace`).
    public var traceText: String = ""
    /// Time-series points to keep (about).
    public var samples = 50

    public init(workload: SimulationWorkload, memory: Int, memlimit: Int?, algorithm: CompressionAlgorithm,
                policy: AcceptancePolicy, corpus: PageCorpus) {
        self.workload = workload
        self.memory = memory
        self.memlimit = memlimit
        self.algorithm = algorithm
        self.policy = policy
        self.corpus = corpus
    }

    /// Free page frames the simulated kernel keeps for the store's allocations (a zspage takes up to 8).
    static let watermark = 16

    public func run() throws(TraceError) -> SimulationReport {
        let ramPages = memory / pageSize
        let store = TmemStore(configuration: TmemConfiguration(policy: policy, memlimit: memlimit,
                                                               poolMemlimit: poolMemlimit, totalRAMPages: ramPages),
                              algorithm: algorithm)
        var report = SimulationReport(workload: workload, algorithm: algorithm, policy: policy, memory: memory,
                                      memlimit: memlimit, poolMemlimit: poolMemlimit, corpusPages: corpus.pageCount, peakPoolTotalSize: 0,
                                      counters: TmemCounters(), pools: [], frontswap: nil, cleancache: nil,
                                      usemem: nil, pagecache: nil, trace: nil, timeSeries: [])
        try TmemOpsBackend.withAttached(store) { () throws(TraceError) in
            switch workload {
            case .usemem: runUsemem(store, ramPages: ramPages, into: &report)
            case .pagecacheZipf: runPagecache(store, ramPages: ramPages, into: &report)
            case .trace: try runTrace(store, into: &report)
            }
        }
        return report
    }

    /// The store as the workload leaves it, taken before teardown (swapoff, umount) empties it.
    func snapshot(_ store: TmemStore, into report: inout SimulationReport) {
        let stats = store.stats
        report.counters = stats.counters
        report.pools = stats.pools
        report.peakPoolTotalSize = stats.counters.poolTotalSizeMax
    }

    /// Corpus page `index` modulo the corpus size (trace replay).
    func copyPage(_ index: Int, into page: UnsafeMutableRawBufferPointer) {
        corpus.withPage(index % corpus.pageCount) { page.copyMemory(from: $0) }
    }

    /// The workloads' page `index`: the corpus page `index mod size`; beyond the corpus, the same page with its
    /// first word XORed with the lap number, so a workload larger than the corpus does not turn into pure
    /// deduplication. Same-filled pages stay as they are (zero pages really do repeat).
    static func workloadPage(_ index: Int, corpus: PageCorpus, into page: UnsafeMutableRawBufferPointer) {
        let lap = index / corpus.pageCount
        let same = corpus.withPage(index % corpus.pageCount) { p -> Bool in
            page.copyMemory(from: p)
            return PageClassifier.classify(p) != .other
        }
        if lap > 0 && !same {
            let w = page.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            page.storeBytes(of: w ^ (UInt64(lap) &* 0x9E37_79B9_7F4A_7C15), toByteOffset: 0, as: UInt64.self)
        }
    }

    // MARK: usemem

    /// The seed's OOM report, simulated: other processes' swappable anonymous pages fill half of RAM, then
    /// usemem mallocs and mlocks 32 MiB-like chunks up to 7/8 of RAM. Reclaim swaps the other pages out
    /// through frontswap (the device when refused); every frame the store holds is a frame usemem cannot have.
    /// Without a memlimit the store keeps growing with persistent pages until usemem is OOM-killed.
    func runUsemem(_ store: TmemStore, ramPages: Int, into report: inout SimulationReport) {
        let background = ramPages / 2
        let target = ramPages - ramPages / 8
        let chunk = max(1, ramPages / 32)
        let swap = SimulatedSwap(slots: background + 1)
        var rng = SplitMix64(seed: seed)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: 64)
        let expected = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: 64)
        defer { buffer.deallocate(); expected.deallocate() }

        var lru = LRUList<Int>()              // resident background pages
        var slotOf: [Int: Int] = [:]          // swapped-out background page -> slot
        var resident = 0, mlocked = 0
        var held = true, oom = false, corrupt = 0
        let pageBase = Int(rng.next() % UInt64(corpus.pageCount))

        func free() -> Int { ramPages - resident - store.usage().store }
        func reclaim() {
            while free() < TmemSimulator.watermark, let victim = lru.removeOldest() {
                Self.workloadPage(pageBase + victim, corpus: corpus, into: buffer)
                guard let slot = swap.swapOut(buffer, tag: victim) else { lru.touch(victim); return }
                slotOf[victim] = slot
                resident -= 1
                let u = store.usage()
                if let limit = u.storeLimit, u.store > limit { held = false }
                if u.pools.contains(where: { p in p.limit.map { p.pages > $0 } ?? false }) { held = false }
            }
        }
        func allocateFrame() -> Bool {
            reclaim()
            guard free() >= 1 else { return false }
            resident += 1
            return true
        }
        func sample(_ step: Int) {
            let u = store.counterSnapshot
            let s = swap.stats
            report.timeSeries.append(SimulationSample(step: step, poolTotalSize: u.poolTotalSize,
                                                      storedPages: u.storedPages, residentPages: resident,
                                                      pswpout: s.pswpout, diskReads: s.pswpin))
        }

        // Other processes' anonymous memory.
        for p in 0..<background {
            guard allocateFrame() else { oom = true; break }
            lru.touch(p)
        }
        // usemem: chunk by chunk, with the other processes touching some of their pages in between.
        var step = 0
        sample(step)
        chunks: while mlocked < target && !oom {
            for _ in 0..<min(chunk, target - mlocked) {
                guard allocateFrame() else { oom = true; break chunks }
                mlocked += 1
            }
            for _ in 0..<max(1, chunk / 8) {
                let p = Int(rng.next() % UInt64(background))
                if let slot = slotOf[p] {
                    guard allocateFrame() else { oom = true; break chunks }
                    swap.swapIn(slot, into: buffer) { tag, page in Self.workloadPage(pageBase + tag, corpus: corpus, into: page) }
                    Self.workloadPage(pageBase + p, corpus: corpus, into: expected)
                    if !PageBytes.equal(buffer, expected) { corrupt += 1 }
                    slotOf[p] = nil
                }
                lru.touch(p)
            }
            step += 1
            sample(step)
        }
        let s = swap.stats
        report.frontswap = s
        report.usemem = UsememResult(ramPages: ramPages, targetPages: target, mlockedPages: mlocked, oom: oom,
                                     backgroundPages: background, pagesToFrontswap: s.succStores,
                                     pagesToDisk: s.pswpout, memlimitHeld: held && corrupt == 0)
        snapshot(store, into: &report)
        swap.swapoff()
    }

    // MARK: pagecache-zipf

    /// A file set four times the RAM, read page by page with Zipf-distributed popularity. The page cache gets
    /// whatever RAM the store does not hold; evicted clean pages go to cleancache and refaults try it first.
    /// The same reads run once more without a backend, for the disk reads a compressed cache avoided.
    func runPagecache(_ store: TmemStore, ramPages: Int, into report: inout SimulationReport) {
        let files = 64
        let perFile = max(1, 4 * ramPages / files)
        let fileSet = files * perFile
        let readCount = reads ?? 4 * fileSet
        var rng = SplitMix64(seed: seed)
        let zipf = ZipfSampler(count: fileSet, exponent: zipfExponent)
        // Popularity rank -> page, shuffled so hot pages are spread over files.
        var order = Array(0..<fileSet)
        order.shuffle(using: &rng)
        let base = Int(rng.next() % UInt64(corpus.pageCount))
        let trace = (0..<readCount).map { _ in order[zipf.next(&rng)] }
        let every = max(1, readCount / max(1, samples))
        let corpus = self.corpus

        func content(_ id: SimulatedPageCache.PageID, _ page: UnsafeMutableRawBufferPointer) {
            let n = Int(id.inode) * perFile + Int(id.index)
            TmemSimulator.workloadPage(base + n, corpus: corpus, into: page)
        }
        func pageID(_ n: Int) -> SimulatedPageCache.PageID {
            SimulatedPageCache.PageID(fs: 0, inode: UInt64(n / perFile), index: UInt64(n % perFile))
        }

        let budget = max(1, ramPages - TmemSimulator.watermark)
        let cache = SimulatedPageCache(capacity: { max(1, budget - store.usage().store) }, content: content)
        let fs = cache.mount()
        precondition(fs == 0)
        for (i, n) in trace.enumerated() {
            cache.read(pageID(n))
            if i % every == 0 {
                let u = store.counterSnapshot
                let s = cache.stats
                report.timeSeries.append(SimulationSample(step: i, poolTotalSize: u.poolTotalSize,
                                                          storedPages: u.storedPages, residentPages: cache.residentPages,
                                                          pswpout: 0, diskReads: s.diskReads))
            }
        }
        let s = cache.stats
        snapshot(store, into: &report)
        cache.umount(fs)

        let baseline = SimulatedPageCache(backend: false, capacity: { budget }, content: content)
        _ = baseline.mount()
        for n in trace { baseline.read(pageID(n)) }
        let b = baseline.stats

        report.cleancache = s
        let misses = s.reads - s.pageCacheHits
        report.pagecache = PagecacheResult(
            fileSetPages: fileSet, reads: s.reads, zipfExponent: zipfExponent,
            hitRatio: Double(s.pageCacheHits + s.cleancacheHits) / Double(max(1, s.reads)),
            cleancacheHitRatio: Double(s.cleancacheHits) / Double(max(1, misses)),
            diskReads: s.diskReads, baselineDiskReads: b.diskReads,
            baselineHitRatio: Double(b.pageCacheHits) / Double(max(1, b.reads)),
            diskReadsAvoided: b.diskReads - s.diskReads, corruptPages: s.corruptPages)
    }
}
