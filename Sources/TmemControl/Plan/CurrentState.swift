import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// The host as it is, read through TmemHost without changing anything: what the plan compares the desired state
/// with. Parts the root does not have are nil (a fake root holding only configuration has no zram sysfs).
public struct CurrentState: Sendable {
    public var root: SystemRoot
    public var memTotal: UInt64?
    /// nil when unknown; `kernelUnknownReason` says why.
    public var kernel: KernelCapabilities?
    public var kernelUnknownReason: String?
    /// zram-control's hot_add is there (devices can be created).
    public var canCreate: Bool
    public var devices: [Int: DeviceState]
    /// nil without zswap.
    public var zswap: [ZswapParameter: String]?
    public var sysctl: [VMSysctl: Int]
    public var owned: [Int: ApplyRecords.OwnedDevice]
    public var saved: ApplyRecords.Saved
    /// What is at each backing file the configuration names (tests inject these, free space included).
    public var backingFiles: [String: BackingFileFacts] = [:]
    /// The system's cryptsetup (found under the root; run only on the live root), nil when it has none.
    public var cryptsetup: String?
    /// The user apply runs as: a reused backing file must be its own.
    public var euid: UInt32 = 0
    /// Today's writeback spending per device from the tiering ledgers, and the clock it is read at, so the
    /// writeback_limit set up with a device holds what is left of the day's budget.
    public var writebackSpent: [String: WritebackBudget] = [:]
    public var epochSeconds: Int64 = 0

    public init(root: SystemRoot, memTotal: UInt64? = nil, kernel: KernelCapabilities? = nil,
                kernelUnknownReason: String? = nil, canCreate: Bool = false, devices: [Int: DeviceState] = [:],
                zswap: [ZswapParameter: String]? = nil, sysctl: [VMSysctl: Int] = [:],
                owned: [Int: ApplyRecords.OwnedDevice] = [:], saved: ApplyRecords.Saved = .init()) {
        self.root = root
        self.memTotal = memTotal
        self.kernel = kernel
        self.kernelUnknownReason = kernelUnknownReason
        self.canCreate = canCreate
        self.devices = devices
        self.zswap = zswap
        self.sysctl = sysctl
        self.owned = owned
        self.saved = saved
    }

    /// One existing `/sys/block/zramN`.
    public struct DeviceState: Equatable, Sendable {
        public var id: Int
        public var initialized: Bool
        /// Bytes as the kernel holds it (page-aligned).
        public var disksize: UInt64
        /// From mm_stat (limit_pages << PAGE_SHIFT); nil when mm_stat is missing.
        public var memLimit: UInt64?
        /// The selected primary algorithm.
        public var algorithm: String?
        /// Secondary algorithms by priority (the selected one of each line).
        public var recompression: [Int: String]
        /// nil without writeback support or when none is set.
        public var backingDev: String?
        /// What stands behind backing_dev (a loop device's file, a dm-crypt mapping), when it is set.
        public var backingChain: BackingChain?
        public var swap: SwapArea?
        public var mounts: [MountEntry]
        /// Who else holds it (a claim under /run/tmemctl/claims/), or nil.
        public var heldBy: String?

        public init(id: Int, initialized: Bool = false, disksize: UInt64 = 0, memLimit: UInt64? = 0, algorithm: String? = nil,
                    recompression: [Int: String] = [:], backingDev: String? = nil, swap: SwapArea? = nil,
                    mounts: [MountEntry] = [], heldBy: String? = nil) {
            self.id = id
            self.initialized = initialized
            self.disksize = disksize
            self.memLimit = memLimit
            self.algorithm = algorithm
            self.recompression = recompression
            self.backingDev = backingDev
            self.swap = swap
            self.mounts = mounts
            self.heldBy = heldBy
        }

        public var name: String { "zram\(id)" }
        public var inUse: Bool { swap != nil || !mounts.isEmpty }
    }

    /// Reads everything the plan needs. `heldBy` answers whether another tmemctl run claims a device (by default
    /// the claims under /run/tmemctl/claims/: a live claim, or a claimer between its claim and hot_add's answer).
    /// `backingFiles`: the paths of `writeback-device = file:` to look at; `now`: seconds since the epoch.
    public static func read(root: SystemRoot, heldBy: ((ZramDevice) -> String?)? = nil, backingFiles: [String] = [],
                            now: Int64 = 0) throws(HostError) -> CurrentState {
        let claims = ZramClaims(root: root)
        let heldBy = heldBy ?? { device in
            switch claims.state(of: device) {
            case .claimed(let c): "pid \(c.pid) (\(c.purpose))"
            case .pending(let cs): "a run about to create a device (pid \(cs.map { String($0.pid) }.joined(separator: ", ")))"
            case .unclaimed, .stale: nil
            }
        }
        let records = ApplyRecords(root: root)
        var state = CurrentState(root: root)
        state.memTotal = (try? MemInfo.read(root: root))?.memTotal
        state.owned = try records.ownedDevices()
        state.saved = try records.saved()
        let control = ZramControl(root: root)
        state.canCreate = control.isAvailable
        let devices = control.devices()
        if devices.isEmpty && !control.isAvailable {
            state.kernelUnknownReason = "no zram in \(root.absolute(ZramDevice.sysfsParentDir)) or \(root.absolute(ZramControl.dir)): the kernel's capabilities are unknown"
        } else {
            state.kernel = try KernelCapabilities.read(devices: devices, owned: Set(state.owned.keys))
            if state.kernel == nil {
                state.kernelUnknownReason = "no zram device to read the kernel's algorithms from: the kernel's capabilities are unknown"
            }
        }
        if !devices.isEmpty {
            let swaps = try SwapTable.read(root: root)
            let mounts = try MountInfo.read(root: root)
            for d in devices { state.devices[d.id] = try readDevice(d, swaps: swaps, mounts: mounts, heldBy: heldBy(d)) }
        }
        for path in backingFiles { state.backingFiles[path] = BackingFileFacts.read(path: path, root: root) }
        state.cryptsetup = CryptBacking.find(root: root)?.path
        state.euid = geteuid()
        state.epochSeconds = now
        // Every device's, existing or not: at boot apply reads them before it creates the devices.
        for file in root.list(TieringLedger.directory) where file.hasPrefix("zram") && file.hasSuffix(".json") {
            let name = String(file.dropLast(5))
            if let l = try? TieringLedger.read(root: root, device: name) { state.writebackSpent[name] = l.budget }
        }
        let zswap = Zswap(root: root)
        if zswap.isAvailable { state.zswap = try zswap.parameters() }
        for s in VMSysctl.allCases { state.sysctl[s] = try s.read(root: root) }
        return state
    }

    static func readDevice(_ d: ZramDevice, swaps: [SwapArea], mounts: [MountEntry], heldBy: String?) throws(HostError) -> DeviceState {
        var s = DeviceState(id: d.id, heldBy: heldBy)
        s.initialized = try d.isInitialized()
        s.disksize = try d.disksize()
        s.memLimit = d.has(.mmStat) ? try d.memoryStats().memLimit : nil
        s.algorithm = try d.algorithms().selected
        if let recomp = try d.recompressionAlgorithms() {
            for (prio, list) in recomp { if let sel = list.selected { s.recompression[prio] = sel } }
        }
        if let b = try d.backingDevice(), b != "none" {
            s.backingDev = b
            s.backingChain = BackingChain.resolve(backingDev: b, root: d.root)
        }
        let number = d.deviceNumber
        s.swap = swaps.first { d.isNode($0.filename) }
        s.mounts = mounts.filter { (number != nil && $0.device == number) || $0.source == d.kernelNodeName }
        return s
    }
}
