import CShim
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

    public func unmount() throws(HostError) {
        let path = root.absolute(Self.mountPoint)
        if cshim_umount(path) != 0 {
            throw HostError(subject: "debugfs", action: "cannot unmount \(path)", path: path, errno: Errno(rawValue: errno))
        }
    }
}
