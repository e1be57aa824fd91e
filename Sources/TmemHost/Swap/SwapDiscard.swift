import CShimSystem
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// swapon's discard policy, as fstab's `discard`, `discard=once`, `discard=pages` spell it (swapon(8)).
public enum SwapDiscard: String, Sendable, CaseIterable {
    case none
    /// Both: the whole area at swapon and freed pages.
    case both = "discard"
    case once = "discard=once"
    case pages = "discard=pages"

    var flagCode: Int32 {
        switch self {
        case .none: 0
        case .both: 1
        case .once: 2
        case .pages: 3
        }
    }
}

extension SwapControl {
    /// swapon(2) with a priority and a discard policy.
    public func swapOn(_ relativeNode: String, priority: Int, discard: SwapDiscard) throws(HostError) {
        guard discard != .none else { return try swapOn(relativeNode, priority: priority) }
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
            throw HostError(subject: "swap", action: "cannot swapon \(path) (\(discard.rawValue))", path: path, errno: e,
                            hint: e == .invalidArgument ? "no valid swap signature on \(path), or the kernel rejected the discard flags" : nil)
        }
    }
}
