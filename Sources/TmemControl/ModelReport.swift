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

        enum CodingKeys: String, CodingKey { case algorithm, level, windowBits, exactness, mmStat }
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

        public init(chainRule: ZsmallocChainRule, memLimit: UInt64 = 0) {
            self.chainRule = chainRule
            self.memLimit = memLimit
        }

        public var classTable: ZsmallocClassTable { ZsmallocClassTable(rule: chainRule) }
    }

    /// Each compressor's prediction, labelled with its exactness on kernel era `era` (nil: not a profiled era).
    public static func run(corpus: PageCorpus, info: ModelReport.Corpus, compressors: [CompressorSettings], era: String?,
                           settings: Settings, threads: Int? = nil) -> ModelReport {
        let table = settings.classTable
        let results = compressors.map { c in
            ModelReport.AlgorithmResult(
                compressor: c, exactness: CompressorExactness.of(c, era: era),
                mmStat: ZramPrediction.mmStat(corpus: corpus, compressor: c, classTable: table,
                                              memLimit: settings.memLimit, threads: threads))
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
