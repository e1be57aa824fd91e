import TmemCore

/// What compressing and decompressing one page costs in CPU time with tmemctl's kernel-exact compressors on this
/// machine: the CPU side of `advise`'s ranking. Thread CPU time, not wall time, so a busy other core slows no
/// round down; the median of the rounds, with their spread, because the shared machine drifts between rounds.
public struct CompressorCPUCost: Codable, Equatable, Sendable {
    /// Median CPU nanoseconds per page over the rounds, and the fastest and slowest round.
    public var compressNanosecondsPerPage: Double
    public var compressSpread: ClosedRangeOfDouble
    public var decompressNanosecondsPerPage: Double
    public var decompressSpread: ClosedRangeOfDouble
    /// Pages timed per round (an even sample of the workload's compressed pages) and how many rounds. The
    /// decompression figure is per timed page too (huge pages count as free), so the two add up per page.
    public var pagesTimed: Int
    public var rounds: Int

    public struct ClosedRangeOfDouble: Codable, Equatable, Sendable {
        public var min: Double
        public var max: Double

        public init(min: Double, max: Double) {
            self.min = min
            self.max = max
        }
    }

    public init(compressNanosecondsPerPage: Double, compressSpread: ClosedRangeOfDouble,
                decompressNanosecondsPerPage: Double, decompressSpread: ClosedRangeOfDouble, pagesTimed: Int, rounds: Int) {
        self.compressNanosecondsPerPage = compressNanosecondsPerPage
        self.compressSpread = compressSpread
        self.decompressNanosecondsPerPage = decompressNanosecondsPerPage
        self.decompressSpread = decompressSpread
        self.pagesTimed = pagesTimed
        self.rounds = rounds
    }

    /// Pages per round: enough for a stable figure, few enough that zstd level 22 stays quick.
    public static let samplePages = 256
    public static let defaultRounds = 3

    /// Times `settings` on up to `samplePages` of the corpus's pages that zram would compress (not same-filled),
    /// picked evenly. nil when there is no such page.
    /// Decompression is timed on the pages zram keeps compressed: one compressed to `hugeClassSize` or more is
    /// stored raw and read back with a copy.
    public static func measure(_ settings: CompressorSettings, corpus: PageCorpus, contents: [PageContent],
                               hugeClassSize: Int, rounds: Int = defaultRounds) -> CompressorCPUCost? {
        let compressed = contents.indices.filter { contents[$0].compressedLength != nil }.map { UInt32($0) }
        return measure(settings, corpus: corpus, compressedPages: compressed, hugeClassSize: hugeClassSize, rounds: rounds)
    }

    /// The same, given the indices of the pages zram compresses, in order (4 bytes a page rather than a whole
    /// `PageContent`). The picked pages are copied once (at most `samplePages`), so the timed rounds read memory
    /// whatever holds the corpus.
    public static func measure(_ settings: CompressorSettings, corpus: PageCorpus, compressedPages candidates: [UInt32],
                               hugeClassSize: Int, rounds: Int = defaultRounds) -> CompressorCPUCost? {
        guard !candidates.isEmpty, rounds > 0 else { return nil }
        let n = Swift.min(samplePages, candidates.count)
        let picked = (0..<n).map { Int(candidates[$0 * candidates.count / n]) }
        let sample = UnsafeMutableRawBufferPointer.allocate(byteCount: n * pageSize, alignment: pageSize)
        defer { sample.deallocate() }
        for (k, i) in picked.enumerated() {
            corpus.withPage(i) { (sample.baseAddress! + k * pageSize).copyMemory(from: $0.baseAddress!, byteCount: pageSize) }
        }
        let all = UnsafeRawBufferPointer(sample)
        let compressor = PageCompressor(settings)
        // The compressed streams, kept once, so the decompression rounds decode exactly what was compressed.
        var streams: [[UInt8]] = []
        streams.reserveCapacity(n)
        for k in 0..<n {
            _ = compressor.compress(UnsafeRawBufferPointer(rebasing: all[(k * pageSize)..<((k + 1) * pageSize)]))
            streams.append(Array(compressor.output))
        }
        var compressRounds: [Double] = [], decompressRounds: [Double] = []
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: 64)
        defer { out.deallocate() }
        for _ in 0..<rounds {
            let c0 = BenchStatistics.threadCPU()
            for k in 0..<n {
                _ = compressor.compress(UnsafeRawBufferPointer(rebasing: all[(k * pageSize)..<((k + 1) * pageSize)]))
            }
            compressRounds.append((BenchStatistics.threadCPU() - c0) * 1e9 / Double(n))
            let t0 = BenchStatistics.threadCPU()
            for s in streams where s.count < hugeClassSize {
                // A stream of our own compressor always decodes; a failure would be a compressor bug.
                _ = s.withUnsafeBytes { src in try? compressor.decompress(src, into: out) }
            }
            decompressRounds.append((BenchStatistics.threadCPU() - t0) * 1e9 / Double(n))
        }
        return CompressorCPUCost(
            compressNanosecondsPerPage: BenchStatistics.median(compressRounds),
            compressSpread: .init(min: compressRounds.min()!, max: compressRounds.max()!),
            decompressNanosecondsPerPage: BenchStatistics.median(decompressRounds),
            decompressSpread: .init(min: decompressRounds.min()!, max: decompressRounds.max()!),
            pagesTimed: n, rounds: rounds)
    }
}
