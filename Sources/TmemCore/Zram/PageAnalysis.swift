import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Turns pages into `PageContent` for the models: the same-filled test, then compression where the consumer
/// would compress. This is where the time goes, so corpora are analysed on every core, one compressor per thread.
public enum PageAnalysis {
    /// Who receives the pages; decides which pages get compressed.
    public enum Consumer: Sendable {
        /// zram: same-filled pages are never compressed.
        case zram
        /// zswap on 6.12+: zero pages never reach it, every other page (including non-zero same-filled ones)
        /// is compressed.
        case zswap
        /// zswap on 6.1 and older: same-filled pages are kept by value, the rest compressed.
        case zswapLegacy
    }

    public static func analyze(_ page: UnsafeRawBufferPointer, compressor: PageCompressor,
                               for consumer: Consumer = .zram) -> PageContent {
        let fill: UInt64?
        if case .sameFilled(let word) = PageClassifier.classify(page) { fill = word } else { fill = nil }
        let compress: Bool
        switch consumer {
        case .zram, .zswapLegacy: compress = fill == nil
        case .zswap: compress = fill != 0
        }
        return PageContent(fill: fill, compressedLength: compress ? compressor.compress(page) : nil)
    }

    /// Every page of `corpus`, in order, analysed on `threads` threads (default: the online CPUs).
    public static func analyze(_ corpus: PageCorpus, algorithm: CompressionAlgorithm, for consumer: Consumer = .zram,
                               threads: Int? = nil) -> [PageContent] {
        analyze(corpus, compressor: CompressorSettings(algorithm), for: consumer, threads: threads)
    }

    /// The same with explicit compressor settings (level, window bits, the kernel's call path).
    public static func analyze(_ corpus: PageCorpus, compressor settings: CompressorSettings, for consumer: Consumer = .zram,
                               threads: Int? = nil) -> [PageContent] {
        let count = corpus.pageCount
        let workers = max(1, min(threads ?? onlineCPUs, count))
        // Blocks of pages are claimed from a shared counter, so a thread that gets more CPU (the other core may
        // be busy with other work) simply takes more blocks, and both finish together whatever the page mix.
        let block = 256
        let blocks = (count + block - 1) / block
        var result = [PageContent](repeating: PageContent(fill: nil, compressedLength: nil), count: count)
        let next = Atomic<Int>(0)
        corpus.bytes.withUnsafeBytes { all in
            result.withUnsafeMutableBufferPointer { out in
                let output = SendableBuffer(base: out.baseAddress!)
                let input = SendableRawBuffer(base: all.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    let compressor = PageCompressor(settings)
                    while true {
                        let b = next.add(1, ordering: .relaxed).oldValue
                        if b >= blocks { break }
                        for i in (b * block)..<min(count, (b + 1) * block) {
                            let page = UnsafeRawBufferPointer(start: input.base + i * pageSize, count: pageSize)
                            output.base[i] = analyze(page, compressor: compressor, for: consumer)
                        }
                    }
                }
            }
        }
        return result
    }

    public static var onlineCPUs: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

/// Disjoint ranges of one buffer are written by different threads; each index is written exactly once.
private struct SendableBuffer: @unchecked Sendable { let base: UnsafeMutablePointer<PageContent> }
private struct SendableRawBuffer: @unchecked Sendable { let base: UnsafeRawPointer }
