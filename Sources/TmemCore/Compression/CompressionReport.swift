/// What zram's compressor makes of each page of a corpus: same-filled pages (never compressed) with
/// their fill word, and compressed pages with their kernel-exact length, each checked by decoding it back.
public struct CompressionReport: Encodable, Equatable, Sendable {
    public enum PageKind: String, Encodable, Sendable {
        case same, compressed
    }

    public struct PageEntry: Encodable, Equatable, Sendable {
        public let index: Int
        public let kind: PageKind
        /// Set for compressed pages.
        public let compressedSize: Int?
        /// Set for same-filled pages: the repeated native 8-byte word.
        public let fill: UInt64?

        public init(index: Int, kind: PageKind, compressedSize: Int?, fill: UInt64?) {
            self.index = index
            self.kind = kind
            self.compressedSize = compressedSize
            self.fill = fill
        }

        enum CodingKeys: String, CodingKey { case index, kind, compressedSize, fill }
    }

    public let algorithm: CompressionAlgorithm
    /// The level and window bits the pages were compressed with (nil where the algorithm takes none).
    public let level: Int?
    public let windowBits: Int?
    public let pages: [PageEntry]
    /// Sum of compressed_size over compressed pages (same-filled pages store nothing).
    public let totalCompressedSize: Int

    public var samePageCount: Int { pages.lazy.filter { $0.kind == .same }.count }
    public var compressedPageCount: Int { pages.count - samePageCount }

    /// A page whose decoded bytes differ from the original: a compressor or decoder bug.
    public struct RoundTripMismatch: Error, CustomStringConvertible, Sendable {
        public let algorithm: CompressionAlgorithm
        public let pageIndex: Int
        public let detail: String
        public var description: String {
            "\(algorithm.rawValue): page \(pageIndex) does not round-trip: \(detail)"
        }
    }

    enum CodingKeys: String, CodingKey { case algorithm, level, windowBits, pages, totalCompressedSize }

    /// Classifies, compresses and decodes every page of corpus with a fresh compressor.
    public init(corpus: PageCorpus, algorithm: CompressionAlgorithm) throws(RoundTripMismatch) {
        try self.init(corpus: corpus, compressor: CompressorSettings(algorithm))
    }

    /// The same with explicit settings (level, window bits, the kernel's call path).
    public init(corpus: PageCorpus, compressor settings: CompressorSettings) throws(RoundTripMismatch) {
        var entries: [PageEntry] = []
        entries.reserveCapacity(corpus.pageCount)
        let totals = try Self.forEachPage(corpus: corpus, compressor: settings) { entries.append($0) }
        algorithm = settings.algorithm
        level = settings.effectiveLevel
        windowBits = settings.effectiveWindowBits
        pages = entries
        totalCompressedSize = totals.totalCompressedSize
    }

    /// What a report says besides its pages.
    public struct Totals: Equatable, Sendable {
        public var samePages = 0
        public var compressedPages = 0
        /// Sum of compressed_size over compressed pages.
        public var totalCompressedSize = 0

        public init(samePages: Int = 0, compressedPages: Int = 0, totalCompressedSize: Int = 0) {
            self.samePages = samePages
            self.compressedPages = compressedPages
            self.totalCompressedSize = totalCompressedSize
        }
    }

    /// The report's pages in order, one at a time, without keeping them: the corpus is read a chunk at a time and
    /// each entry handed to `body` as soon as the page is checked, so a report of any size is written as it goes.
    /// Stops at the first page that does not round-trip.
    public static func forEachPage(corpus: PageCorpus, compressor settings: CompressorSettings,
                                   _ body: (PageEntry) -> Void) throws(RoundTripMismatch) -> Totals {
        let algorithm = settings.algorithm
        let compressor = PageCompressor(settings)
        let decoded = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: 16)
        defer { decoded.deallocate() }
        var totals = Totals()
        var mismatch: RoundTripMismatch?
        corpus.forEachChunk { first, chunk in
            for k in 0..<(chunk.count / pageSize) where mismatch == nil {
                let i = first + k
                let page = UnsafeRawBufferPointer(rebasing: chunk[k * pageSize ..< (k + 1) * pageSize])
                if case .sameFilled(let fill) = PageClassifier.classify(page) {
                    totals.samePages += 1
                    body(PageEntry(index: i, kind: .same, compressedSize: nil, fill: fill))
                    continue
                }
                let n = compressor.compress(page)
                do throws(DecompressionError) {
                    let m = try compressor.decompress(compressor.output, into: decoded)
                    if m != pageSize || !PageBytes.equal(UnsafeRawBufferPointer(decoded), page) {
                        mismatch = RoundTripMismatch(algorithm: algorithm, pageIndex: i,
                                                     detail: "decoded \(m) bytes that differ from the page")
                        return
                    }
                } catch {
                    mismatch = RoundTripMismatch(algorithm: algorithm, pageIndex: i, detail: error.description)
                    return
                }
                totals.compressedPages += 1
                totals.totalCompressedSize += n
                body(PageEntry(index: i, kind: .compressed, compressedSize: n, fill: nil))
            }
        }
        if let mismatch { throw mismatch }
        return totals
    }
}
