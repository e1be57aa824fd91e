import TmemCore
import TmemHost

/// What the plan decided for one `[zramN]` section.
public struct DevicePlan: Equatable, Sendable {
    public enum Status: String, Codable, Sendable {
        /// The device is as configured.
        case upToDate = "up-to-date"
        /// It does not exist: created and set up.
        case create
        /// It exists uninitialized: set up.
        case configure
        /// Apply's own, initialized, changed in place (mem_limit, swapon, mount).
        case change
        /// Apply's own and not in use (or `--reconfigure`): swapped off/unmounted, reset and set up again.
        case reset
        /// In use with settings that need a reset: refused without `--reconfigure`.
        case needsReset = "needs-reset"
        /// Initialized by someone else: never touched.
        case notOwned = "not-owned"
        /// A scratch device another tmemctl run claims: never touched.
        case claimed
        /// Ruled out by the configuration (`host-memory-limit`, `systemd.zram=0`).
        case skipped
        /// The configuration asks for what this kernel cannot do.
        case invalid
        /// `--teardown`: swapped off/unmounted, reset and removed.
        case teardown
        /// `--teardown` of a device that is not there or not apply's: nothing to do.
        case absent
    }

    /// The section as apply will write it: an algorithm the kernel lacks already replaced by the default (nil)
    /// when applying, the resident limit evaluated.
    public var desired: DesiredState.Device
    /// disksize as the kernel will hold it (rounded up to a page).
    public var disksizeEffective: UInt64
    /// mem_limit as the kernel will hold it (whole pages); nil when the resident limit could not be evaluated.
    public var memLimitEffective: UInt64?
    public var status: Status
    /// Why: what differs, what is refused, what was replaced.
    public var reasons: [String]
    public var actions: [PlanAction]

    public var name: String { desired.name }

    /// The device would be left as it is although the configuration wants it changed.
    public var isRefused: Bool { [.needsReset, .notOwned, .claimed, .invalid].contains(status) }
}

/// The page the kernel rounds sizes to (PAGE_ALIGN in disksize_store; mem_limit_store keeps whole pages).
func pageAligned(_ bytes: UInt64) -> UInt64 {
    let p = UInt64(pageSize)
    let (sum, overflow) = bytes.addingReportingOverflow(p - 1)
    return overflow ? bytes & ~(p - 1) : sum & ~(p - 1)
}
