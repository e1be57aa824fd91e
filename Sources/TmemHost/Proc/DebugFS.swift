import CShimSystem
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// debugfs at /sys/kernel/debug, where zswap keeps its counters. Only the live root can mount it.
public struct DebugFS: Sendable {
    public let root: SystemRoot
    public static let mountPoint = "sys/kernel/debug"

    public init(root: SystemRoot) { self.root = root }

    public func isMounted() throws(HostError) -> Bool {
        let target = root.isLive ? "/" + Self.mountPoint : root.absolute(Self.mountPoint)
        return try MountInfo.read(root: root).contains { $0.fsType == "debugfs" && $0.mountPoint == target }
    }

    public func mount() throws(HostError) {
        let path = root.absolute(Self.mountPoint)
        guard root.isLive else {
            throw HostError(subject: "debugfs", action: "cannot mount on \(path)", path: path, errno: .notPermitted,
                            hint: "only on the live root")
        }
        if cshim_mount_debugfs(path) != 0 {
            let e = Errno(rawValue: errno)
            throw HostError(subject: "debugfs", action: "cannot mount on \(path)", path: path, errno: e,
                            hint: e == .notPermitted ? "mounting needs root (CAP_SYS_ADMIN)" : nil)
        }
    }

    /// Undoes `mount()`. Opening debugfs's `tracing` directory auto-mounts tracefs there, which keeps debugfs
    /// busy (EBUSY): such submounts go first, deepest first. If debugfs is still busy (a process has a file
    /// open), it is detached (MNT_DETACH) and the kernel finishes once the file is closed; failing that, the
    /// error says so.
    public func unmount() throws(HostError) {
        let path = root.absolute(Self.mountPoint)
        if root.isLive, let mounts = try? MountInfo.read(root: root) {
            for sub in Self.submounts(of: "/" + Self.mountPoint, in: mounts) { _ = cshim_umount(sub) }
        }
        if cshim_umount(path) == 0 { return }
        let first = Errno(rawValue: errno)
        if first == .resourceBusy && cshim_umount_detach(path) == 0 { return }
        throw HostError(subject: "debugfs", action: "cannot unmount \(path)", path: path, errno: first,
                        hint: first == .resourceBusy ? "still in use and cannot be detached; umount -l \(path) by hand" : nil)
    }

    /// Mount points strictly below `target` (tracefs at tracing, say), deepest first: the order they must be
    /// unmounted in before `target` can be.
    public static func submounts(of target: String, in mounts: [MountEntry]) -> [String] {
        let prefix = target.hasSuffix("/") ? target : target + "/"
        return mounts.map(\.mountPoint).filter { $0.hasPrefix(prefix) }
            .sorted { $0.split(separator: "/").count > $1.split(separator: "/").count }
    }
}
