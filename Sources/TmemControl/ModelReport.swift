import TmemCore
import TmemHost

/// `tmemctl model`'s answer: the predicted mm_stat per algorithm for writing a corpus, page by page in order,
/// to a fresh zram device. Encoded as
/// `{"corpus": {"path": ..., "pages": N}, "results": [{"algorithm": "lzo", "mm_stat": {...}}]}`.
public struct ModelReport: Codable, Equatable, Sendable {
    public typealias Corpus = CorpusDescription

    public struct AlgorithmResult: Codable, Equatable, Sendable {
        public var algorithm: CompressionAlgorithm
        /// The level and deflate window bits modelled (nil where the algorithm takes none).
        public var level: Int?
        public var windowBits: Int?
        /// How exact the prediction is on the target kernel: "exact", or "bounded" with the measured bound.
        public var exactness: ExactnessReport?
        public var mmStat: MMStat
        /// With writeback steps: bd_stat and io_stat after them, and what each step wrote (nil without steps).
        public var bdStat: BDStat?
        public var ioStat: IOStat?
        public var writeback: [WritebackStepResult]?

        public init(algorithm: CompressionAlgorithm, mmStat: MMStat) {
            self.algorithm = algorithm
            self.mmStat = mmStat
        }

        public init(compressor: CompressorSettings, exactness: CompressorExactness, mmStat: MMStat) {
            algorithm = compressor.algorithm
            level = compressor.effectiveLevel
            windowBits = compressor.effectiveWindowBits
            self.exactness = ExactnessReport(exactness)
            self.mmStat = mmStat
        }

        enum CodingKeys: String, CodingKey { case algorithm, level, windowBits, exactness, mmStat, bdStat, ioStat, writeback }
    }

    /// One writeback step and what it did: pages written to the backing device, or the error the kernel's
    /// `writeback` write returns (`ENOSPC`, `EINVAL`/`ERANGE` for an index beyond disksize).
    public struct WritebackStepResult: Codable, Equatable, Sendable {
        public var step: String
        public var pagesWritten: Int
        public var error: String?

        public init(step: String, pagesWritten: Int, error: String?) {
            self.step = step
            self.pagesWritten = pagesWritten
            self.error = error
        }
    }

    public var corpus: Corpus
    public var results: [AlgorithmResult]

    public init(corpus: Corpus, results: [AlgorithmResult]) {
        self.corpus = corpus
        self.results = results
    }
}

/// Runs the zram model over a corpus for one or more algorithms (no root, no device).
public enum ModelRun {
    /// The model's inputs that come from the kernel: the chain rule (hence huge_class_size).
    public struct Settings: Sendable {
        public var chainRule: ZsmallocChainRule
        public var memLimit: UInt64
        /// Writeback steps run after the corpus is written (empty: none; bd_stat and io_stat are then not predicted).
        public var writeback: [ZramWritebackStep]
        /// The backing device's size in bytes (nil: large enough for every page).
        public var backingSize: UInt64?
        /// Whether the era's io_stat still counts invalid_io (6.1) or prints a placeholder (6.12 on).
        public var countsInvalidIo: Bool
        /// What the era's `writeback` file takes (decides the errno of an out-of-range index).
        public var writebackSyntax: ZramWritebackSyntax

        public init(chainRule: ZsmallocChainRule, memLimit: UInt64 = 0, writeback: [ZramWritebackStep] = [],
                    backingSize: UInt64? = nil, countsInvalidIo: Bool = false,
                    writebackSyntax: ZramWritebackSyntax = .forKernel(major: 6, minor: 18)) {
            self.writebackSyntax = writebackSyntax
            self.chainRule = chainRule
            self.memLimit = memLimit
            self.writeback = writeback
            self.backingSize = backingSize
            self.countsInvalidIo = countsInvalidIo
        }

        public var classTable: ZsmallocClassTable { ZsmallocClassTable(rule: chainRule) }
    }

    /// Each compressor's prediction, labelled with its exactness on kernel era `era` (nil: not a profiled era).
    public static func run(corpus: PageCorpus, info: ModelReport.Corpus, compressors: [CompressorSettings], era: String?,
                           settings: Settings, threads: Int? = nil) -> ModelReport {
        let table = settings.classTable
        let results = compressors.map { c in
            var model = ZramPrediction.write(corpus, compressor: c, into: ZramModel(
                classTable: table, memLimit: settings.memLimit, disksize: UInt64(corpus.pageCount) * UInt64(pageSize)),
                threads: threads)
            var r = ModelReport.AlgorithmResult(compressor: c, exactness: CompressorExactness.of(c, era: era),
                                                mmStat: model.mmStat)
            if !settings.writeback.isEmpty {
                model.backingBlocks = settings.backingSize.map(ZramModel.usableBackingBlocks)
                r.writeback = WritebackScenario.run(settings.writeback, on: &model, syntax: settings.writebackSyntax)
                r.mmStat = model.mmStat
                r.bdStat = model.bdStat
                r.ioStat = model.ioStat(countsInvalidIo: settings.countsInvalidIo)
            }
            return r
        }
        return ModelReport(corpus: info, results: results)
    }

    public static func run(corpus: PageCorpus, info: ModelReport.Corpus, algorithms: [CompressionAlgorithm],
                           settings: Settings, threads: Int? = nil) -> ModelReport {
        let table = settings.classTable
        let results = algorithms.map { algorithm in
            ModelReport.AlgorithmResult(
                algorithm: algorithm,
                mmStat: ZramPrediction.mmStat(corpus: corpus, algorithm: algorithm, classTable: table,
                                              memLimit: settings.memLimit, threads: threads))
        }
        return ModelReport(corpus: info, results: results)
    }
}
