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
        var result = [PageContent](repeating: PageContent(fill: nil, compressedLength: nil), count: count)
        result.withUnsafeMutableBufferPointer { out in
            analyze(corpus, pages: 0..<count, into: out.baseAddress!, compressor: settings, for: consumer, threads: threads)
        }
        return result
    }

    /// Pages per window of `forEachWindow`: 64 MiB of corpus, 512 KiB of results.
    public static let windowPages = 16384

    /// Every page of `corpus`, analysed as `analyze` does, handed to body in order a window of `window` pages at a
    /// time (the index of the window's first page and its results), so that memory holds one window of results
    /// and, for a file corpus, one block of pages per thread, whatever the corpus's size.
    public static func forEachWindow(_ corpus: PageCorpus, compressor settings: CompressorSettings,
                                     for consumer: Consumer = .zram, threads: Int? = nil, window: Int = windowPages,
                                     _ body: (Int, UnsafeBufferPointer<PageContent>) throws -> Void) rethrows {
        precondition(window > 0)
        let count = corpus.pageCount
        let results = UnsafeMutableBufferPointer<PageContent>.allocate(capacity: min(window, count))
        results.initialize(repeating: PageContent(fill: nil, compressedLength: nil))
        defer { results.deallocate() }
        var first = 0
        while first < count {
            let range = first..<min(count, first + window)
            analyze(corpus, pages: range, into: results.baseAddress!, compressor: settings, for: consumer, threads: threads)
            try body(first, UnsafeBufferPointer(rebasing: results[0..<range.count]))
            first = range.upperBound
        }
    }

    /// Pages `range` into `output[0..<range.count]`, on every core.
    static func analyze(_ corpus: PageCorpus, pages range: Range<Int>, into output: UnsafeMutablePointer<PageContent>,
                        compressor settings: CompressorSettings, for consumer: Consumer, threads: Int?) {
        let count = range.count
        let workers = max(1, min(threads ?? onlineCPUs, count))
        // Blocks of pages are claimed from a shared counter, so a thread that gets more CPU (the other core may
        // be busy with other work) simply takes more blocks, and both finish together whatever the page mix.
        let block = PageCorpus.chunkPages
        let blocks = (count + block - 1) / block
        let next = Atomic<Int>(0)
        let out = SendableBuffer(base: output)
        let scratchBytes = corpus.isFileBacked ? block * pageSize : 0
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let compressor = PageCompressor(settings)
            // A file corpus is read a block at a time into this thread's own buffer.
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: scratchBytes, alignment: pageSize)
            defer { scratch.deallocate() }
            while true {
                let b = next.add(1, ordering: .relaxed).oldValue
                if b >= blocks { break }
                let pages = (range.lowerBound + b * block)..<min(range.upperBound, range.lowerBound + (b + 1) * block)
                corpus.withPages(pages, scratch: scratch) { bytes in
                    for (k, i) in pages.enumerated() {
                        let page = UnsafeRawBufferPointer(start: bytes.baseAddress! + k * pageSize, count: pageSize)
                        out.base[i - range.lowerBound] = analyze(page, compressor: compressor, for: consumer)
                    }
                }
            }
        }
    }

    public static var onlineCPUs: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

/// Disjoint ranges of one buffer are written by different threads; each index is written exactly once.
private struct SendableBuffer: @unchecked Sendable { let base: UnsafeMutablePointer<PageContent> }
