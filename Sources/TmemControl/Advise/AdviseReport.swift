import TmemCore

/// `tmemctl advise`'s answer: per algorithm, what a zram device holding the workload's pages would cost, the
/// algorithm that saves most, and how large a disksize is worth it.
public struct AdviseReport: Codable, Equatable, Sendable {
    public struct Workload: Codable, Equatable, Sendable {
        /// Where the pages came from: a running process, a corpus file or the built-in mix.
        public enum Kind: String, Codable, Sendable { case pid, corpus, builtin }

        public var kind: Kind
        public var pid: Int32?
        public var path: String?
        public var seed: UInt64?
        public var pages: Int

        public init(kind: Kind, pid: Int32? = nil, path: String? = nil, seed: UInt64? = nil, pages: Int) {
            self.kind = kind
            self.pid = pid
            self.path = path
            self.seed = seed
            self.pages = pages
        }
    }

    /// The kernel the advice is for: an era given with --kernel, or the running kernel.
    public struct Target: Codable, Equatable, Sendable {
        /// The era (`--kernel`), or the running kernel's era when tmemctl knows it; nil otherwise.
        public var era: String?
        /// The running kernel's release (nil with --kernel).
        public var release: String?
        /// Whether that kernel takes compression levels (algorithm_params, 6.12 on).
        public var takesLevels: Bool
        /// Which levels were ranked.
        public var levels: AdviseLevels

        public init(era: String?, release: String?, takesLevels: Bool, levels: AdviseLevels) {
            self.era = era
            self.release = release
            self.takesLevels = takesLevels
            self.levels = levels
        }
    }

    public struct AlgorithmCost: Codable, Equatable, Sendable {
        public var algorithm: CompressionAlgorithm
        /// The level it ran at (nil: the algorithm has none), and whether that is the kernel's default.
        public var level: Int?
        public var defaultLevel: Bool
        /// "zstd level=9", "lz4": the name in tables, and what to write to algorithm_params for it (nil: nothing,
        /// the defaults).
        public var name: String
        public var algorithmParams: String?
        /// CPU per page with tmemctl's kernel-exact compressors on this machine (nil with --no-cpu or when no
        /// page gets compressed).
        public var cpu: CompressorCPUCost?
        public var origDataSize: UInt64
        public var comprDataSize: UInt64
        /// zsmalloc pages, the RAM the pages really take (not compressed bytes).
        public var memUsedTotal: UInt64
        public var samePages: UInt64
        public var hugePages: UInt64
        /// orig_data_size / mem_used_total: how many bytes of pages one byte of RAM holds; nil when the pool
        /// stays empty (only same-filled pages).
        public var ratio: Double?
        /// The pool these pages cost once the device holds many times this sample: each object's share of its
        /// zspage (pages/objects of its class) instead of whole zspages, so the sample's partly filled last
        /// zspage per class no longer counts. Used for sizing.
        public var memUsedAtScale: UInt64
        /// orig_data_size / mem_used_at_scale.
        public var ratioAtScale: Double?
        /// orig_data_size − mem_used_total.
        public var savedBytes: Int64
        /// Shares of the workload's pages, 0...1.
        public var sameShare: Double
        public var hugeShare: Double
    }

    public struct Disksize: Codable, Equatable, Sendable {
        public var algorithm: CompressionAlgorithm
        public var ratio: Double?
        public var memTotal: UInt64
        /// The budget: the compressed pool (plus zram's slot table) may use this share of RAM when the device is full.
        public var poolPercent: Int
        /// The largest disksize whose full device stays within the budget.
        public var recommendedDisksize: UInt64
        /// The disksize asked about (--disksize), and what it costs in RAM when full.
        public var disksize: UInt64
        public var ramWhenFull: UInt64
        /// Of that, zram's slot table (16 bytes per 4 KiB slot, allocated for the whole disksize).
        public var slotTable: UInt64
        /// mem_limit that keeps the pool within the budget however badly later pages compress: the budget less
        /// the slot table of the recommended disksize, and of the disksize asked about (whole pages).
        public var recommendedMemLimit: UInt64
        public var memLimitForDisksize: UInt64
        /// RAM freed per byte swapped to zram: 1 − 1/ratio − slot table share.
        public var netSavingShare: Double
        public var worthIt: Bool
    }

    public var workload: Workload
    public var kernel: Target
    /// Where the algorithm list came from.
    public var algorithmsSource: String
    /// Algorithms the kernel offers that tmemctl does not model (listed, not ranked).
    public var notModelled: [String]
    public var results: [AlgorithmCost]
    /// The settings that save most memory (smallest pool at scale): algorithm, level and name.
    public var best: CompressionAlgorithm?
    public var bestLevel: Int?
    public var bestName: String?
    /// The cheapest in CPU (compress + decompress per page) among those whose pool at scale is within
    /// `Advisor.balancedTolerance` of the best's; nil without CPU figures.
    public var balanced: String?
    public var disksize: Disksize?
}
