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

    /// Swap areas and mounts backed by this device. An unreadable or unparsable /proc/swaps or mountinfo is an
    /// error: a decision to reset or remove the device must not be taken on "no holder known".
    public func checkedHolders() throws(HostError) -> [ZramHolder] {
        var found: [ZramHolder] = []
        let node = "/dev/\(name)"
        for area in try SwapTable.read(root: root) where area.filename == node || area.filename == devicePath {
            found.append(.swap(priority: area.priority))
        }
        let number = deviceNumber
        for m in try MountInfo.read(root: root) where (number != nil && m.device == number) || m.source == node {
            found.append(.mount(point: m.mountPoint, fsType: m.fsType))
        }
        return found
    }

    /// Best effort, for hints and for telling a transient EBUSY from a real holder: unreadable tables count as
    /// "no holder known". Never the basis for allowing a change (use `checkedHolders`).
    public func holders() -> [ZramHolder] {
        (try? checkedHolders()) ?? []
    }

    /// This device's swap area, nil when it is not swap; an unreadable /proc/swaps is an error.
    public func checkedSwapArea() throws(HostError) -> SwapArea? {
        let node = "/dev/\(name)"
        return try SwapTable.read(root: root).first { $0.filename == node || $0.filename == devicePath }
    }

    /// Best effort (nil also when /proc/swaps cannot be read).
    public var swapArea: SwapArea? { (try? checkedSwapArea()) ?? nil }

    /// Hint for EBUSY on reset/hot_remove: names the holder when one is known.
    func busyHint() -> String {
        let h = holders()
        if h.isEmpty { return "the device is open by another process (udev probing, a program holding /dev/\(name)); retry shortly" }
        let what = h.map(\.description).joined(separator: "; ")
        let fix = h.contains(where: { if case .swap = $0 { true } else { false } }) ? "swapoff /dev/\(name)" : "unmount it"
        return "\(what): \(fix) first"
    }
}
