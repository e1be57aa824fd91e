import TmemCore
import TmemHost

/// `tmemctl model`'s answer: the predicted mm_stat per algorithm for writing a corpus, page by page in order,
/// to a fresh zram device. Encoded as
/// `{"corpus": {"path": ..., "pages": N}, "results": [{"algorithm": "lzo", "mm_stat": {...}}]}`.
public struct ModelReport: Codable, Equatable, Sendable {
    public typealias Corpus = CorpusDescription

    public struct AlgorithmResult: Codable, Equatable, Sendable {
        public var algorithm: CompressionAlgorithm
        public var mmStat: MMStat

        public init(algorithm: CompressionAlgorithm, mmStat: MMStat) {
            self.algorithm = algorithm
            self.mmStat = mmStat
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

        public init(chainRule: ZsmallocChainRule, memLimit: UInt64 = 0) {
            self.chainRule = chainRule
            self.memLimit = memLimit
        }

        public var classTable: ZsmallocClassTable { ZsmallocClassTable(rule: chainRule) }
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
