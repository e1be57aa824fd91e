import TmemCore
import TmemHost

/// Changes to existing devices, refused up front when the device is in use in a way the change would break.
public struct ZramMaintenance {
    public let root: SystemRoot
    public var retry: BusyRetry

    public init(root: SystemRoot, retry: BusyRetry = .standard) {
        self.root = root
        self.retry = retry
    }

    /// Resolves names (`zram3`, `/dev/zram3`) to existing devices; anything else is an invalid request.
    /// A name the kernel would not use is bad input (`InvalidRequest`); a device that is not there is the host's
    /// state (`RefusedState`, exit 1).
    public func devices(_ names: [String]) throws -> [ZramDevice] {
        var out: [ZramDevice] = []
        for n in names {
            guard let d = ZramDevice(name: n, root: root) else {
                throw InvalidRequest(ZramDevice.nameRefusal(n))
            }
            guard d.exists else {
                throw RefusedState("\(d.name) does not exist; `tmemctl status` lists the zram devices")
            }
            if !out.contains(d) { out.append(d) }
        }
        return out
    }

    /// Why `reset`/`remove` must not touch the device now, or nil. Swap may be taken down with `force`. Throws
    /// when /proc/swaps or mountinfo cannot be read: not knowing the holders is not "no holders".
    public func refusal(for d: ZramDevice, forceSwapoff: Bool, action: String) throws(HostError) -> RefusedState? {
        for h in try d.checkedHolders() where !h.isTransient {
            switch h {
            case .mount(let point, _):
                return RefusedState("\(d.name) is mounted on \(point); unmount it before you \(action) it")
            case .swap(let prio) where !forceSwapoff:
                return RefusedState("\(d.name) is active swap (priority \(prio)); pass --force to swapoff and \(action) it, or swapoff \(d.kernelNodeName) first")
            case .swap:
                continue
            case .blockDevice(let holder):
                return RefusedState("\(d.name) is held by \(holder) (\(d.kernelNodeName) is under a device-mapper, LVM or md device, see \(SystemRoot.kernelName(d.attributePath("holders")))); remove \(holder) before you \(action) it")
            case .process(let pid, let comm):
                return RefusedState("\(d.name) is open in process \(pid) (\(comm)); stop it or make it close \(d.kernelNodeName) before you \(action) it")
            }
        }
        return nil
    }

    public func setMemLimit(_ d: ZramDevice, _ bytes: UInt64) throws(HostError) { try d.setMemLimit(bytes) }
    public func resetMemUsedMax(_ d: ZramDevice) throws(HostError) { try d.resetMemUsedMax() }

    public func compact(_ d: ZramDevice) throws(HostError) { try d.compact() }

    /// swapoff first when asked and the device is swap, then reset.
    public func reset(_ d: ZramDevice, forceSwapoff: Bool) throws(HostError) {
        if forceSwapoff, try d.checkedSwapArea() != nil { try SwapControl(root: root).swapOff(d) }
        try d.resetWaitingForUdev(retry)
    }

    /// swapoff first when asked and the device is swap, then hot_remove (which resets it).
    public func remove(_ d: ZramDevice, forceSwapoff: Bool) throws(HostError) {
        if forceSwapoff, try d.checkedSwapArea() != nil { try SwapControl(root: root).swapOff(d) }
        try ZramControl(root: root).hotRemoveWaitingForUdev(d, retry)
    }
}
