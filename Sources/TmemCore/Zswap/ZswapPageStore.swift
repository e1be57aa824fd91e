extension ZswapRules {
    /// Which pages a compressor sees under these rules (6.12+: every non-zero page; 6.1: non-same-filled ones).
    public var pageConsumer: PageAnalysis.Consumer {
        self == .linux6_1 ? .zswapLegacy : .zswap
    }
}

extension ZswapModel {
    /// Convenience for single pages: analyses `page` with `compressor` as these rules require, then stores it.
    /// (For corpora, `PageAnalysis.analyze(_:algorithm:for: rules.pageConsumer)` compresses on every core first.)
    @discardableResult
    public mutating func store(offset: Int, page: UnsafeRawBufferPointer, compressor: PageCompressor) -> ZswapStoreResult {
        store(offset: offset, PageAnalysis.analyze(page, compressor: compressor, for: rules.pageConsumer))
    }
}
