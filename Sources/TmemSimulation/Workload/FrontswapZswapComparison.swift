import TmemCore

/// The same swap traffic sent two ways, to show the tmem frontswap path stores pages as zswap does: once
/// through the frontswap ops table into a tmem store configured like Linux 6.18 zswap (policy `zswap`: every
/// page kept, an incompressible one as-is; no deduplication; no same-filled shortcut, because 6.18 zswap
/// compresses non-zero same-filled pages; zsmalloc chain 8; the swap layer's zeromap in front), and once
/// through the project's zswap model. Both should end with the same stored pages in the same pool pages.
public enum FrontswapZswapComparison {
    public enum Op: Sendable, Equatable {
        case store(slot: Int, page: Int)
        case free(slot: Int)
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var storedPages: Int
        public var storedIncompressiblePages: Int
        /// Zero pages sent to the swap zeromap so far (swpout_zero, cumulative).
        public var zeroMappedPages: Int
        public var poolPages: Int
    }

    /// The tmem side, driven through the frontswap table only.
    public static func viaFrontswap(_ ops: [Op], corpus: PageCorpus, algorithm: CompressionAlgorithm, slots: Int) -> Outcome {
        let config = TmemConfiguration(policy: .zswap, deduplication: false, sameFilledPages: false)
        let store = TmemStore(configuration: config, algorithm: algorithm)
        return TmemOpsBackend.withAttached(store) {
            let swap = SimulatedSwap(slots: slots)
            swap.zeroMap = true
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: 64)
            defer { buffer.deallocate() }
            for op in ops {
                switch op {
                case .store(let slot, let page):
                    swap.free(slot)     // a rewritten slot is freed first, as swap slots are
                    corpus.withPage(page) { buffer.copyMemory(from: $0) }
                    precondition(swap.swapOut(buffer, tag: page, slot: slot), "slot \(slot) out of range")
                case .free(let slot):
                    swap.free(slot)
                }
            }
            let c = store.counterSnapshot
            let outcome = Outcome(storedPages: c.storedPages, storedIncompressiblePages: c.storedIncompressiblePages,
                                  zeroMappedPages: swap.stats.swpoutZero, poolPages: c.poolPages)
            swap.swapoff()
            return outcome
        }
    }

    /// The zswap model's side (Linux 6.18 rules), with each page's kernel-exact compressed length.
    public static func viaZswapModel(_ ops: [Op], corpus: PageCorpus, algorithm: CompressionAlgorithm) -> Outcome {
        // A pool limit that cannot bind: this compares storage, not the shrinker.
        var model = ZswapModel(rules: .linux6_18, totalRamPages: 1 << 40, maxPoolPercent: 100)
        let compressor = PageCompressor(algorithm)
        for op in ops {
            switch op {
            case .store(let slot, let page):
                let content = corpus.withPage(page) { p -> PageContent in
                    let length = compressor.compress(p)
                    if case .sameFilled(let fill) = PageClassifier.classify(p) {
                        return PageContent(fill: fill, compressedLength: length)
                    }
                    return .compressed(length)
                }
                model.store(offset: slot, content)
            case .free(let slot):
                model.invalidate(offset: slot)
            }
        }
        return Outcome(storedPages: Int(model.counters.storedPages),
                       storedIncompressiblePages: Int(model.counters.storedIncompressiblePages ?? 0),
                       zeroMappedPages: model.swpoutZero, poolPages: model.pool.totalPages)
    }
}
