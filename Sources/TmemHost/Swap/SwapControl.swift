import CShimSystem
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// swapon(2)/swapoff(2) on device nodes under the root. Only the live root may change swap: a fake root's
/// "device" is a plain file, and activating it would really add swap to the machine.
public struct SwapControl: Sendable {
    public let root: SystemRoot

    /// swapon's priority range: -1 lets the kernel choose (it counts down from -2), 0...32767 are explicit.
    public static let priorityRange = -1...32767

    public init(root: SystemRoot) { self.root = root }

    public func areas() throws(HostError) -> [SwapArea] { try SwapTable.read(root: root) }

    /// `relativeNode` such as `dev/zram3`.
    public func swapOn(_ relativeNode: String, priority: Int) throws(HostError) {
        try swapOn(relativeNode, priority: priority, discard: .none)
    }

    /// swapon(2) with a priority and swapon(8)'s discard policy.
    public func swapOn(_ relativeNode: String, priority: Int, discard: SwapDiscard) throws(HostError) {
        let path = root.absolute(relativeNode)
        guard Self.priorityRange.contains(priority) else {
            throw HostError(subject: "swap", action: "cannot swapon \(path) with priority \(priority)", path: path,
                            errno: .invalidArgument, hint: "priorities are -1 (kernel's choice) or 0...32767")
        }
        guard root.isLive else {
            throw HostError(subject: "swap", action: "cannot swapon \(path)", path: path, errno: .notPermitted,
                            hint: "swap can only be enabled on the live root (/), not under --root")
        }
        if cshim_swapon_discard(path, Int32(priority), discard.flagCode) != 0 {
            let e = Errno(rawValue: errno)
            let hint: String? = switch e {
            case .resourceBusy: "\(path) is already swap or otherwise held exclusively"
            case .invalidArgument: "no valid swap signature on \(path) (or it is too small)"
            case .notPermitted: "swapon needs root (CAP_SYS_ADMIN)"
            default: nil
            }
            let shown = discard == .none ? "" : " (\(discard.rawValue))"
            throw HostError(subject: "swap", action: "cannot swapon \(path)\(shown)", path: path, errno: e, hint: hint)
        }
    }

    public func swapOff(_ relativeNode: String) throws(HostError) {
        let path = root.absolute(relativeNode)
        guard root.isLive else {
            throw HostError(subject: "swap", action: "cannot swapoff \(path)", path: path, errno: .notPermitted,
                            hint: "swap can only be changed on the live root (/), not under --root")
        }
        if cshim_swapoff(path) != 0 {
            let e = Errno(rawValue: errno)
            let hint: String? = switch e {
            case .invalidArgument: "\(path) is not active swap"
            case .noMemory: "not enough free memory to take the swapped pages back"
            default: nil
            }
            throw HostError(subject: "swap", action: "cannot swapoff \(path)", path: path, errno: e, hint: hint)
        }
    }
}
