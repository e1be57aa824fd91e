import TmemCore
import TmemHost

/// What an admin asked a new zram device to be. Sizes are already bytes (see `SizePolicy`).
public struct ZramSetupRequest: Equatable, Sendable {
    public struct Recompression: Equatable, Sendable {
        public var algorithm: String
        public var priority: Int
        public init(algorithm: String, priority: Int) {
            self.algorithm = algorithm
            self.priority = priority
        }
    }

    public struct Swap: Equatable, Sendable {
        /// -1 lets the kernel pick (it counts down from -2); 0...32767 explicit.
        public var priority: Int
        public var label: String
        public init(priority: Int = -1, label: String = "") {
            self.priority = priority
            self.label = label
        }
    }

    public var disksize: UInt64?
    public var algorithm: String?
    public var algorithmParams: String?
    public var recompression: [Recompression]
    public var backingDevice: String?
    public var memLimit: UInt64?
    public var swap: Swap?

    public init(disksize: UInt64? = nil, algorithm: String? = nil, algorithmParams: String? = nil,
                recompression: [Recompression] = [], backingDevice: String? = nil, memLimit: UInt64? = nil,
                swap: Swap? = nil) {
        self.disksize = disksize
        self.algorithm = algorithm
        self.algorithmParams = algorithmParams
        self.recompression = recompression
        self.backingDevice = backingDevice
        self.memLimit = memLimit
        self.swap = swap
    }
}

extension ZramSetupRequest {
    /// The checks that need no kernel facts, so that `zram add` refuses a bad request before it loads a module or
    /// reads anything from the kernel. `ZramSetupPlan` runs them too, then the checks against the kernel.
    public func validateWithoutKernel() throws(InvalidRequest) {
        var seen: Set<Int> = []
        for rc in recompression {
            guard (1...3).contains(rc.priority), seen.insert(rc.priority).inserted else {
                throw InvalidRequest("recompression priorities are 1, 2 or 3, each used once (got \(rc.priority))")
            }
        }
        if let p = algorithmParams { try ZramSetupPlan.validateParams(p) }
        if let b = backingDevice {
            guard b.hasPrefix("/"), !b.contains("\n") else {
                throw InvalidRequest("the backing device must be an absolute block device path such as /dev/sdb2")
            }
        }
        if let s = disksize {
            guard s >= UInt64(pageSize) else {
                throw InvalidRequest("a zram disksize must be at least one page (4096 bytes); try --size 512M")
            }
        }
        if let swap {
            guard let s = disksize else {
                throw InvalidRequest("swap needs a size: add --size (for example --size 50%)")
            }
            guard s / UInt64(pageSize) >= SwapSignature.minimumPages else {
                throw InvalidRequest("swap needs at least \(SwapSignature.minimumPages) pages (40 KiB); choose a larger --size")
            }
            guard SwapControl.priorityRange.contains(swap.priority) else {
                throw InvalidRequest("swap priority must be -1 (kernel's choice) or 0...32767; got \(swap.priority)")
            }
            guard swap.label.utf8.count <= 16 else { throw InvalidRequest("a swap label has at most 16 bytes") }
        }
    }
}

/// What the running kernel offers, read before anything is written (from an existing device, read-only).
public struct ZramKernelFacts: Equatable, Sendable {
    public var algorithms: [String]
    public var hasAlgorithmParams: Bool
    public var hasRecompression: Bool
    public var hasBackingDev: Bool
    public var memTotal: UInt64

    public init(algorithms: [String], hasAlgorithmParams: Bool, hasRecompression: Bool, hasBackingDev: Bool, memTotal: UInt64) {
        self.algorithms = algorithms
        self.hasAlgorithmParams = hasAlgorithmParams
        self.hasRecompression = hasRecompression
        self.hasBackingDev = hasBackingDev
        self.memTotal = memTotal
    }

    /// Reads the facts from `device` (any zram device: the algorithm list is the kernel's, not the device's).
    public static func read(from device: ZramDevice) throws(HostError) -> ZramKernelFacts {
        let mem = try MemInfo.read(root: device.root)
        return ZramKernelFacts(algorithms: try device.algorithms().available, hasAlgorithmParams: device.has(.algorithmParams),
                               hasRecompression: device.has(.recompAlgorithm), hasBackingDev: device.has(.backingDev),
                               memTotal: mem.memTotal ?? 0)
    }

}
