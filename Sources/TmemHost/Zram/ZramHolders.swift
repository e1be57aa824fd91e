import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// Who keeps a zram device open, which is why the kernel answers EBUSY to reset and hot_remove.
public enum ZramHolder: Equatable, Sendable, CustomStringConvertible {
    case swap(priority: Int)
    case mount(point: String, fsType: String)
    /// A block device stacked on it (`/sys/block/zramN/holders`: device-mapper, LVM, md).
    case blockDevice(String)
    /// A process with the device node open (found through `/proc/PID/fd`).
    case process(pid: Int32, name: String)

    public var description: String {
        switch self {
        case .swap(let p): "active swap (priority \(p), see /proc/swaps)"
        case .mount(let point, let fs): "mounted on \(point) (\(fs))"
        case .blockDevice(let d): "held by \(d) (a device-mapper, LVM or md device stacked on it)"
        case .process(let pid, let name): "open in process \(pid) (\(name))"
        }
    }

    /// udev's workers open a device for a moment after every change (blkid probing): worth waiting out.
    public var isTransient: Bool {
        if case .process(_, let name) = self { return Self.udevNames.contains(name) }
        return false
    }

    static let udevNames: Set<String> = ["systemd-udevd", "(udev-worker)", "udevd"]
}

extension ZramDevice {
    /// `major:minor` from the device's `dev` attribute, as mountinfo prints it.
    public var deviceNumber: String? {
        (try? root.read("\(sysfsDir)/dev"))?.trimmingWhitespace()
    }

    /// Whether a /proc/swaps entry is this device: by name, or by device number (a second node for the same
    /// device, made with mknod or a udev link, names the same swap area).
    func isSwapArea(_ area: SwapArea) -> Bool {
        area.filename == kernelNodeName || area.filename == devicePath || isNode(area.filename)
    }

    /// Swap areas, mounts, stacked block devices and processes that hold this device. An unreadable or
    /// unparsable /proc/swaps or mountinfo is an error: a decision to reset or remove the device must not be taken
    /// on "no holder known". Processes are found as far as /proc lets this user see them.
    public func checkedHolders() throws(HostError) -> [ZramHolder] {
        var found: [ZramHolder] = []
        for area in try SwapTable.read(root: root) where isSwapArea(area) {
            found.append(.swap(priority: area.priority))
        }
        let number = deviceNumber
        for m in try MountInfo.read(root: root) where (number != nil && m.device == number) || m.source == kernelNodeName {
            found.append(.mount(point: m.mountPoint, fsType: m.fsType))
        }
        for h in root.list("\(sysfsDir)/holders") { found.append(.blockDevice(h)) }
        // A swap area or mount holds the device open too; only processes beyond those are worth naming.
        if found.isEmpty { found += openingProcesses() }
        return found
    }

    /// Best effort, for hints and for telling a transient EBUSY from a real holder: unreadable tables count as
    /// "no holder known". Never the basis for allowing a change (use `checkedHolders`).
    public func holders() -> [ZramHolder] {
        (try? checkedHolders()) ?? []
    }

    /// This device's swap area, nil when it is not swap; an unreadable /proc/swaps is an error.
    public func checkedSwapArea() throws(HostError) -> SwapArea? {
        try SwapTable.read(root: root).first { isSwapArea($0) }
    }

    /// Best effort (nil also when /proc/swaps cannot be read).
    public var swapArea: SwapArea? { (try? checkedSwapArea()) ?? nil }

    /// Processes other than this one with an open file descriptor on the device: a `/proc/PID/fd/N` link naming
    /// `/dev/zramN`, or naming any block node with the device's number.
    public func openingProcesses() -> [ZramHolder] {
        guard let number = deviceNumber else { return [] }
        let me = getpid()
        var out: [ZramHolder] = []
        for entry in root.list("proc") {
            guard let pid = Int32(entry), pid != me else { continue }
            let fdDir = "proc/\(entry)/fd"
            for fd in root.list(fdDir) where opens(fdLink: "\(fdDir)/\(fd)", number: number) {
                let comm = (try? root.read("proc/\(entry)/comm"))?.trimmingWhitespace() ?? "?"
                out.append(.process(pid: pid, name: comm))
                break
            }
        }
        return out
    }

    private func opens(fdLink relative: String, number: String) -> Bool {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink(root.absolute(relative), &buf, buf.count - 1)
        guard n > 0 else { return false }
        let target = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target == kernelNodeName { return true }
        // Sockets, pipes and anonymous inodes (`socket:[123]`) are no device.
        guard target.hasPrefix("/") else { return false }
        // Live: stat the descriptor itself (it reaches the open inode even if the node was renamed or deleted);
        // under a fake root, the node the link names inside the root.
        var st = stat()
        let path = root.isLive ? root.absolute(relative) : root.absolute(target)
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFBLK else { return false }
        let (major, minor) = BlockDeviceNode.split(UInt64(st.st_rdev))
        return "\(major):\(minor)" == number
    }

    /// Hint for EBUSY on reset/hot_remove: names the holder when one is known.
    func busyHint() -> String {
        let h = holders().filter { !$0.isTransient }
        if h.isEmpty { return "the device is open by another process (udev probing, a program holding /dev/\(name)); retry shortly" }
        let what = h.map(\.description).joined(separator: "; ")
        return "\(what): \(Self.release(h, name: name)) first"
    }

    /// What to do so that `holders` let go of the device.
    public static func release(_ holders: [ZramHolder], name: String) -> String {
        var steps: [String] = []
        for h in holders {
            switch h {
            case .swap: steps.append("swapoff /dev/\(name)")
            case .mount(let point, _): steps.append("unmount \(point)")
            case .blockDevice(let d): steps.append("remove \(d) (dmsetup remove, lvchange -an or mdadm --stop)")
            case .process(let pid, let comm): steps.append("stop \(comm) (pid \(pid)) or make it close /dev/\(name)")
            }
        }
        return steps.joined(separator: ", ")
    }
}
