/// `tmemctl model`'s question: what mm_stat reads after writing a corpus, page by page in order, to a fresh
/// zram device (docs/kernel-notes.md#zram-prediction).
public enum ZramPrediction {
    /// Feeds analysed pages to a fresh model at indices 0, 1, 2, … and returns it.
    public static func write(_ contents: [PageContent], into model: ZramModel) -> ZramModel {
        var m = model
        for (i, c) in contents.enumerated() { m.write(index: i, c) }
        return m
    }

    /// The predicted mm_stat for `corpus` written in order with `algorithm`.
    public static func mmStat(corpus: PageCorpus, algorithm: CompressionAlgorithm, classTable: ZsmallocClassTable,
                              memLimit: UInt64 = 0, threads: Int? = nil) -> MMStat {
        mmStat(corpus: corpus, compressor: CompressorSettings(algorithm), classTable: classTable, memLimit: memLimit,
               threads: threads)
    }

    /// The same with explicit compressor settings.
    public static func mmStat(corpus: PageCorpus, compressor: CompressorSettings, classTable: ZsmallocClassTable,
                              memLimit: UInt64 = 0, threads: Int? = nil) -> MMStat {
        write(corpus, compressor: compressor, into: ZramModel(classTable: classTable, memLimit: memLimit),
              threads: threads).mmStat
    }

    /// Analyses `corpus` (`PageAnalysis.forEachWindow`) and writes its pages to the model at indices 0, 1, 2, … as
    /// they come, so no per-page result outlives its window.
    public static func write(_ corpus: PageCorpus, compressor: CompressorSettings, into model: ZramModel,
                             threads: Int? = nil) -> ZramModel {
        var m = model
        m.reserveSlots(corpus.pageCount)
        PageAnalysis.forEachWindow(corpus, compressor: compressor, for: .zram, threads: threads) { first, contents in
            for (k, c) in contents.enumerated() { m.write(index: first + k, c) }
        }
        return m
    }
}

extension ZramModel {
    /// Convenience for single pages: classifies and compresses `page` with `compressor`, then writes it.
    /// (For corpora, `PageAnalysis.analyze` compresses on every core first.)
    @discardableResult
    public mutating func write(index: Int, page: UnsafeRawBufferPointer,
                               compressor: PageCompressor) -> Result<ZramStored, ZramWriteError> {
        write(index: index, PageAnalysis.analyze(page, compressor: compressor, for: .zram))
    }
}

extension ZramPrediction {
    /// zram as the only swap device (6.12+): the swap header page is an ordinary page in slot 0; zero-filled
    /// pages never reach the device (the swap layer's zeromap takes them); every other page is written to the
    /// next slot. With writes only, mm_stat does not depend on the order reclaim picks the pages in.
    public static func asSwap(_ contents: [PageContent], header: PageContent, into model: ZramModel) -> ZramModel {
        var m = model
        m.write(index: 0, header)
        var slot = 1
        for c in contents where !c.isZeroFilled {
            m.write(index: slot, c)
            slot += 1
        }
        return m
    }
}
