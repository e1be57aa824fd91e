import TmemCore

/// Who keeps a zram device open, which is why the kernel answers EBUSY to reset and hot_remove.
public enum ZramHolder: Equatable, Sendable, CustomStringConvertible {
    case swap(priority: Int)
    case mount(point: String, fsType: String)

    public var description: String {
        switch self {
        case .swap(let p): "active swap (priority \(p), see /proc/swaps)"
        case .mount(let point, let fs): "mounted on \(point) (\(fs))"
        }
    }
}

extension ZramDevice {
    /// `major:minor` from the device's `dev` attribute, as mountinfo prints it.
    public var deviceNumber: String? {
        (try? root.read("\(sysfsDir)/dev"))?.trimmingWhitespace()
    }

    /// Swap areas and mounts backed by this device. Unreadable tables count as "no holder known".
    public func holders() -> [ZramHolder] {
        var found: [ZramHolder] = []
        let node = "/dev/\(name)"
        if let swaps = try? SwapTable.read(root: root) {
            for area in swaps where area.filename == node || area.filename == devicePath {
                found.append(.swap(priority: area.priority))
            }
        }
        if let mounts = try? MountInfo.read(root: root) {
            let number = deviceNumber
            for m in mounts where (number != nil && m.device == number) || m.source == node {
                found.append(.mount(point: m.mountPoint, fsType: m.fsType))
            }
        }
        return found
    }

    public var swapArea: SwapArea? {
        let node = "/dev/\(name)"
        return (try? SwapTable.read(root: root))?.first { $0.filename == node || $0.filename == devicePath }
    }

    /// Hint for EBUSY on reset/hot_remove: names the holder when one is known.
    func busyHint() -> String {
        let h = holders()
        if h.isEmpty { return "the device is open by another process (udev probing, a program holding /dev/\(name)); retry shortly" }
        let what = h.map(\.description).joined(separator: "; ")
        let fix = h.contains(where: { if case .swap = $0 { true } else { false } }) ? "swapoff /dev/\(name)" : "unmount it"
        return "\(what): \(fix) first"
    }
}
