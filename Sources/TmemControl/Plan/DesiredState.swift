import TmemCore

/// What a host should look like once `tmemctl apply` has run: the configuration resolved against the host's
/// MemTotal and kernel command line, but not yet against the kernel's current state (that comparison is the plan's).
///
/// `TmemControl/Config` produces it from the merged configuration; `TmemControl/Plan` consumes it. It holds no
/// file positions and no unevaluated expression except a resident limit that needs `ratio` (evaluated by plan
/// and apply only, never by the generator). Sizes are bytes exactly as zram-generator computes them
/// (MB × 1048576, cut to whole bytes), *not* page-aligned: the plan aligns them as the kernel will.
///
/// JSON (`Codable`): snake_case keys, every key present, `null` when not set.
public struct DesiredState: Codable, Equatable, Sendable {
    /// Every `[zramN]` section, in index order, including the ones ruled out (`skipped` non-nil).
    public var devices: [Device]
    /// `[zswap]`, or nil when the configuration says nothing about zswap (apply leaves it alone).
    public var zswap: Zswap?
    /// `[sysctl]`, or nil when absent.
    public var sysctl: Sysctl?
    /// `[boot]`, or nil when absent. Only a full interactive apply (no `--device`) acts on it.
    public var boot: Boot?

    public init(devices: [Device] = [], zswap: Zswap? = nil, sysctl: Sysctl? = nil, boot: Boot? = nil) {
        self.devices = devices
        self.zswap = zswap
        self.sysctl = sysctl
        self.boot = boot
    }

    public func device(named name: String) -> Device? { devices.first { $0.name == name } }

    /// One `[zramN]` section.
    public struct Device: Codable, Equatable, Sendable {
        /// `zram3`; always `zram` followed by the decimal index.
        public var name: String
        /// Requested disksize in bytes (`zram-size`); the kernel rounds it up to a page.
        public var disksize: UInt64
        /// Requested mem_limit in bytes (`zram-resident-limit`), 0 for none. When `residentLimit` is non-nil this
        /// is ignored and the plan evaluates the expression instead.
        public var memLimit: UInt64
        /// A `zram-resident-limit` expression that uses `ratio`, which only plan/apply can evaluate.
        public var residentLimit: ResidentLimitExpression?
        /// Primary algorithm (`compression-algorithm`'s first entry); nil keeps the kernel's default.
        public var compAlgorithm: String?
        /// The primary algorithm's `(params)`, as `key=value` pairs separated by spaces (`level=3`); nil for none.
        public var algorithmParams: String?
        /// Secondary algorithms in priority order 1, 2, 3.
        public var recompression: [Recompression]
        /// `writeback-device`: an absolute block device path, or nil.
        public var backingDev: String?
        /// `writeback-device = file:PATH SIZE` (with `writeback-encrypt`): a file behind a loop device, or nil.
        public var backingFile: BackingFile?
        /// `writeback-budget` of a device with a backing device: bytes per UTC day, set up as writeback_limit.
        public var writebackBudget: UInt64?
        /// Set when the device is swap (`fs-type = swap`, the default).
        public var swap: Swap?
        /// Set when the device holds a filesystem mounted at `mount-point`.
        public var mount: Mount?
        /// Why the device is not set up (`host-memory-limit`, `systemd.zram=0`, `zram-size = 0`), or nil.
        public var skipped: String?

        public init(name: String, disksize: UInt64, memLimit: UInt64 = 0, residentLimit: ResidentLimitExpression? = nil,
                    compAlgorithm: String? = nil, algorithmParams: String? = nil, recompression: [Recompression] = [],
                    backingDev: String? = nil, backingFile: BackingFile? = nil, writebackBudget: UInt64? = nil,
                    swap: Swap? = nil, mount: Mount? = nil, skipped: String? = nil) {
            self.name = name
            self.disksize = disksize
            self.memLimit = memLimit
            self.residentLimit = residentLimit
            self.compAlgorithm = compAlgorithm
            self.algorithmParams = algorithmParams
            self.recompression = recompression
            self.backingDev = backingDev
            self.backingFile = backingFile
            self.writebackBudget = writebackBudget
            self.swap = swap
            self.mount = mount
            self.skipped = skipped
        }

        /// The N of zramN, or nil when the name is malformed.
        public var index: Int? {
            guard name.hasPrefix("zram"), let n = Int(name.dropFirst(4)), n >= 0, "zram\(n)" == name else { return nil }
            return n
        }

        enum CodingKeys: String, CodingKey {
            case name, disksize, recompression, swap, mount, skipped
            case memLimit = "mem_limit", residentLimit = "resident_limit", compAlgorithm = "comp_algorithm"
            case algorithmParams = "algorithm_params", backingDev = "backing_dev", backingFile = "backing_file"
            case writebackBudget = "writeback_budget"
        }
    }

    /// A backing file: tmemctl makes (or reuses) it, binds it to a loop device with direct I/O and autoclear,
    /// optionally puts dm-crypt over that, and writes the result to backing_dev (TmemHost's `BackingFileFacts`
    /// has the rules).
    public struct BackingFile: Codable, Equatable, Sendable {
        /// Absolute.
        public var path: String
        /// A multiple of 4096.
        public var sizeBytes: UInt64
        public var encrypt: Bool

        public init(path: String, sizeBytes: UInt64, encrypt: Bool = false) {
            self.path = path
            self.sizeBytes = sizeBytes
            self.encrypt = encrypt
        }
        enum CodingKeys: String, CodingKey { case path, encrypt; case sizeBytes = "size_bytes" }
    }

    /// One secondary algorithm: written as `algo=A priority=P` to recomp_algorithm and, when it has params,
    /// as `priority=P PARAMS` to algorithm_params (not to `recompress`, which is a trigger).
    public struct Recompression: Codable, Equatable, Sendable {
        public var algorithm: String
        /// `key=value` pairs separated by spaces, or nil.
        public var params: String?
        /// 1...3.
        public var priority: Int

        public init(algorithm: String, params: String? = nil, priority: Int) {
            self.algorithm = algorithm
            self.params = params
            self.priority = priority
        }

        enum CodingKeys: String, CodingKey { case algorithm, params, priority }
    }

    public struct Swap: Codable, Equatable, Sendable {
        /// `swap-priority`: -1 (kernel's choice) or 0...32767; zram-generator's default is 100.
        public var priority: Int
        /// `options`, comma-separated as in fstab (`discard`, `discard=once`, `discard=pages`); "" for none.
        public var options: String

        public init(priority: Int = 100, options: String = "discard") {
            self.priority = priority
            self.options = options
        }
    }

    public struct Mount: Codable, Equatable, Sendable {
        /// Absolute mount point.
        public var point: String
        /// `fs-type` (`ext4`, `xfs`, ...): formatted with the system's `mkfs.TYPE`.
        public var fsType: String
        /// `options`, comma-separated mount options; "" for none.
        public var options: String

        public init(point: String, fsType: String, options: String = "") {
            self.point = point
            self.fsType = fsType
            self.options = options
        }
        enum CodingKeys: String, CodingKey { case point, options; case fsType = "fs_type" }
    }

    /// `zram-resident-limit` when it uses `ratio` (and maybe `disksize`, `ram`), with what evaluating it needs.
    public struct ResidentLimitExpression: Codable, Equatable, Sendable {
        /// As written, in zram-generator's size language (MB): `disksize / ratio * 1.2`.
        public var expression: String
        /// `ratio-from`: a corpus file (`tmemctl corpus capture`) run through the model for the device's algorithm
        /// to predict orig_data_size / mem_used_total.
        public var ratioFrom: String
        /// `FILE:LINE` of the key, for messages.
        public var origin: String

        public init(expression: String, ratioFrom: String, origin: String) {
            self.expression = expression
            self.ratioFrom = ratioFrom
            self.origin = origin
        }
        enum CodingKeys: String, CodingKey { case expression, origin; case ratioFrom = "ratio_from" }
    }

    /// `[zswap]`: the module parameters to write (nil leaves one as it is), and what to do about zram swap.
    public struct Zswap: Codable, Equatable, Sendable {
        public var enabled: Bool?
        public var compressor: String?
        public var maxPoolPercent: Int?
        public var acceptThresholdPercent: Int?
        public var shrinkerEnabled: Bool?
        public var withZramSwap: WithZramSwap

        public enum WithZramSwap: String, Codable, Sendable, CaseIterable {
            /// Say that zswap sits in front of zram swap (pages it rejects are compressed twice).
            case warn
            /// Write enabled=N when the configuration sets up zram swap.
            case disableZswap = "disable-zswap"
            /// Say nothing.
            case keep
        }

        public init(enabled: Bool? = nil, compressor: String? = nil, maxPoolPercent: Int? = nil,
                    acceptThresholdPercent: Int? = nil, shrinkerEnabled: Bool? = nil, withZramSwap: WithZramSwap = .warn) {
            self.enabled = enabled
            self.compressor = compressor
            self.maxPoolPercent = maxPoolPercent
            self.acceptThresholdPercent = acceptThresholdPercent
            self.shrinkerEnabled = shrinkerEnabled
            self.withZramSwap = withZramSwap
        }

        enum CodingKeys: String, CodingKey {
            case enabled, compressor
            case maxPoolPercent = "max_pool_percent", acceptThresholdPercent = "accept_threshold_percent"
            case shrinkerEnabled = "shrinker_enabled", withZramSwap = "with_zram_swap"
        }
    }

    /// `[sysctl]`: nil leaves a value as it is.
    public struct Sysctl: Codable, Equatable, Sendable {
        /// vm.swappiness, 0...200.
        public var swappiness: Int?
        /// vm.page-cluster, 0...31.
        public var pageCluster: Int?

        public init(swappiness: Int? = nil, pageCluster: Int? = nil) {
            self.swappiness = swappiness
            self.pageCluster = pageCluster
        }
        enum CodingKeys: String, CodingKey { case swappiness = "vm.swappiness", pageCluster = "vm.page-cluster" }
    }

    /// `[boot]`: boot parameters named as on the command line (`zswap.enabled`, `zram.num_devices`), values as
    /// given (validated through `BootParameter.validated`), and where to write them.
    public struct Boot: Codable, Equatable, Sendable {
        public var parameters: [String: String]
        public var target: BootTarget

        public init(parameters: [String: String], target: BootTarget = .auto) {
            self.parameters = parameters
            self.target = target
        }
    }

    enum CodingKeys: String, CodingKey { case devices, zswap, sysctl, boot }
}

/// Evaluates a size expression in the configuration's language (zram-generator's: MB, `ram` in whole MB) with
/// extra variables (`disksize` in MB, `ratio`). `TmemControl/Config` provides the conformance; plan and apply
/// call it for `DesiredState.ResidentLimitExpression`.
public protocol SizeExpressionEvaluating: Sendable {
    /// Bytes (MB × 1048576, cut to whole bytes), or `InvalidRequest` saying what is wrong with the expression.
    func bytes(of expression: String, variables: [String: Double]) throws(InvalidRequest) -> UInt64
}
