import TmemCore

/// Which way the pages reach the kernel in `tmemctl verify`.
public enum VerifyPath: String, CaseIterable, Codable, Sendable {
    /// O_DIRECT page writes to a zram block device.
    case block
    /// A process's memory pushed out to a zram swap device (and zswap in front) with MADV_PAGEOUT.
    case swap
}

/// One counter, predicted by the model and read from the kernel.
public struct FieldComparison: Codable, Equatable, Sendable {
    public enum Status: String, Codable, Sendable {
        /// predicted == live.
        case equal
        /// A field the kernel does not make deterministic, within its stated bound.
        case bounded
        /// Anything else: a mismatch.
        case different
    }

    /// Where the live value comes from: `mm_stat`, `zswap` (debugfs), `meminfo`, `vmstat`, `pagemap`.
    public var source: String
    /// The kernel's name for it.
    public var field: String
    public var predicted: UInt64
    public var live: UInt64
    /// live − predicted.
    public var difference: Int64
    /// For a bounded field: the largest |difference| accepted.
    public var allowed: UInt64?
    public var status: Status
    /// Why a field is bounded, or what a difference means.
    public var note: String?

    public init(source: String, field: String, predicted: UInt64, live: UInt64, allowed: UInt64? = nil,
                note: String? = nil) {
        self.source = source
        self.field = field
        self.predicted = predicted
        self.live = live
        self.difference = Int64(bitPattern: live &- predicted)
        self.allowed = allowed
        self.note = note
        if predicted == live {
            status = .equal
        } else if let a = allowed, difference.magnitude <= a {
            status = .bounded
        } else {
            status = .different
        }
    }
}

/// The comparison for one compressor.
public struct AlgorithmVerification: Codable, Equatable, Sendable {
    public enum Status: String, Codable, Sendable {
        /// Every field equal (or within a stated bound).
        case passed
        /// At least one field differs.
        case failed
        /// Not run: the kernel cannot use this algorithm on this path (reason given).
        case skipped
    }

    public var algorithm: CompressionAlgorithm
    /// The level and deflate window bits the device was set up with (nil where the algorithm takes none).
    public var level: Int?
    public var windowBits: Int?
    /// How exact the model's compressor is on this kernel; a bounded one lets the size fields differ within
    /// the measured bound (their `allowed`).
    public var exactness: ExactnessReport?
    /// With --per-page: each page's compressed size as the kernel accounted it, against the model's.
    public var perPage: PerPageComparison?
    /// The zram device used (created for the run and removed afterwards).
    public var device: String?
    public var status: Status
    public var reason: String?
    public var fields: [FieldComparison]
    /// What the run observed that explains the numbers (pages reclaimed, bounds applied).
    public var notes: [String]
    /// Undo actions that failed after the run (a device, swap area, cgroup or parameter left behind); any of
    /// them fails the algorithm.
    public private(set) var cleanupFailures: [String] = []

    public init(algorithm: CompressionAlgorithm, device: String?, fields: [FieldComparison], notes: [String] = []) {
        self.algorithm = algorithm
        self.device = device
        self.fields = fields
        self.notes = notes
        self.status = fields.contains { $0.status == .different } ? .failed : .passed
        self.reason = nil
    }

    /// The same result with the cleanup's failures attached: any failure makes it `failed`.
    public func withCleanupFailures(_ failures: [String]) -> AlgorithmVerification {
        var v = self
        v.cleanupFailures += failures
        if !v.cleanupFailures.isEmpty { v.status = .failed }
        return v
    }

    /// The same result labelled with the compressor it ran.
    public func labelled(_ c: CompressorSettings, exactness e: CompressorExactness) -> AlgorithmVerification {
        var v = self
        v.level = c.effectiveLevel
        v.windowBits = c.effectiveWindowBits
        v.exactness = ExactnessReport(e)
        return v
    }

    public static func skipped(_ algorithm: CompressionAlgorithm, reason: String) -> AlgorithmVerification {
        var v = AlgorithmVerification(algorithm: algorithm, device: nil, fields: [])
        v.status = .skipped
        v.reason = reason
        return v
    }
}

/// `tmemctl verify`'s answer.
public struct VerifyReport: Codable, Equatable, Sendable {
    public typealias Corpus = CorpusDescription

    public struct Kernel: Codable, Equatable, Sendable {
        public var release: String?
        /// CONFIG_ZSMALLOC_CHAIN_SIZE as the model uses it (nil: the pre-6.3 4-page rule).
        public var chainSize: Int?
        /// Where the chain size was read: the kernel configuration file, or "kernel version" when none was found.
        public var chainSizeSource: String
        public var hugeClassSize: Int

        public init(release: String?, chainSize: Int?, chainSizeSource: String, hugeClassSize: Int) {
            self.release = release
            self.chainSize = chainSize
            self.chainSizeSource = chainSizeSource
            self.hugeClassSize = hugeClassSize
        }
    }

    public var corpus: Corpus
    public var path: VerifyPath
    public var zswap: Bool
    public var kernel: Kernel
    public var results: [AlgorithmVerification]

    /// True when no algorithm failed (a failed cleanup fails it too) and at least one ran (the exit status is 0
    /// exactly then).
    public let passed: Bool

    public init(corpus: Corpus, path: VerifyPath, zswap: Bool, kernel: Kernel, results: [AlgorithmVerification]) {
        self.corpus = corpus
        self.path = path
        self.zswap = zswap
        self.kernel = kernel
        self.results = results
        self.passed = !results.contains { $0.status == .failed || !$0.cleanupFailures.isEmpty } && results.contains { $0.status == .passed }
    }
}

extension MMStat {
    /// Field-by-field comparison with a live reading.
    public func compared(with live: MMStat) -> [FieldComparison] {
        compared(with: live, allowances: [:])
    }

    /// The same, where a bounded compressor lets some fields differ by up to `allowances[field]` (the note
    /// says why).
    public func compared(with live: MMStat, allowances: [String: (UInt64, String)]) -> [FieldComparison] {
        zip(fields, live.fields).map { p, l in
            let a = allowances[p.name]
            return FieldComparison(source: "mm_stat", field: p.name, predicted: p.value ?? 0, live: l.value ?? 0,
                                   allowed: a?.0, note: a?.1)
        }
    }
}

/// Each page written alone and mm_stat read after it: what the kernel's compressor made of that page, against
/// the model's length (4096 for a page stored huge, 0 for a same-filled one).
public struct PerPageComparison: Codable, Equatable, Sendable {
    public struct Page: Codable, Equatable, Sendable {
        public var index: Int
        public var predicted: Int
        public var live: Int
    }

    public var pages: Int
    /// Pages whose compr_data_size growth differs from the model's length.
    public var different: Int
    /// Largest |live − predicted| of one page.
    public var maxDifference: Int
    /// Σ (live − predicted) over the corpus.
    public var totalDifference: Int
    /// The differing pages, at most `listed` of them.
    public var differences: [Page]
    public static let listed = 200

    public init(predicted: [Int], live: [Int]) {
        pages = predicted.count
        var diff: [Page] = []
        var count = 0, maxD = 0, total = 0
        for (i, (p, l)) in zip(predicted, live).enumerated() where p != l {
            count += 1
            maxD = max(maxD, abs(l - p))
            total += l - p
            if diff.count < Self.listed { diff.append(Page(index: i, predicted: p, live: l)) }
        }
        different = count
        maxDifference = maxD
        totalDifference = total
        differences = diff
    }

    /// As a field: the number of pages that differ (0 expected of an exact compressor; a bounded one may
    /// differ on any page, by at most its bound per page where it has one, else by at most a page).
    public func comparisons(bound: CompressionBound?) -> [FieldComparison] {
        var out = [FieldComparison(source: "per-page", field: "pages_different", predicted: 0, live: UInt64(different),
                                   allowed: bound.map { _ in UInt64(pages) },
                                   note: bound.map { "bounded compressor: \($0.cause)" })]
        out.append(FieldComparison(source: "per-page", field: "max_page_difference", predicted: 0,
                                   live: UInt64(maxDifference), allowed: bound.map { UInt64($0.pageBytes ?? pageSize) },
                                   note: bound.map { b in b.pageBytes == nil
                                       ? "largest |live - predicted| of one page, bytes (no per-page bound: only the totals are claimed)"
                                       : "largest |live - predicted| of one page, bytes" }))
        return out
    }
}
