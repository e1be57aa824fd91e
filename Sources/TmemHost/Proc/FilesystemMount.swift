import CShimSystem
import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// Mounting a filesystem on a block device through the system's mount(8) (it turns fstab-style options into
/// flags and data, as a systemd mount unit would), and unmounting with umount(2). Live root only.
public struct FilesystemMount: Sendable {
    public let root: SystemRoot

    public init(root: SystemRoot) { self.root = root }

    /// `mount -t TYPE [-o OPTIONS] NODE POINT`; the mount point must exist (apply creates it, 0755).
    public func mount(_ node: String, at point: String, fsType: String, options: String, subject: String) throws(HostError) {
        guard let program = SystemProgram("mount") else {
            throw HostError(subject: subject, action: "cannot mount \(node) on \(point)", path: point, errno: .noSuchFileOrDirectory,
                            hint: "no mount(8) in \(SystemProgram.searchDirectories.joined(separator: ", "))")
        }
        if !root.isDirectory(point) {
            do { try root.makeDirectory(point, mode: 0o755) } catch {
                throw HostError(subject: subject, action: "cannot create the mount point \(point)", path: root.absolute(point), errno: error)
            }
        }
        try program.run(["-t", fsType] + (options.isEmpty ? [] : ["-o", options]) + [node, point], root: root, subject: subject)
    }

    public func unmount(_ point: String, subject: String) throws(HostError) {
        guard root.isLive else {
            throw HostError(subject: subject, action: "cannot umount \(point)", path: point, errno: .notPermitted,
                            hint: "only on the live root (/)")
        }
        if cshim_umount(point) != 0 {
            let e = Errno(rawValue: errno)
            throw HostError(subject: subject, action: "cannot umount \(point)", path: point, errno: e,
                            hint: e == .resourceBusy ? "files on it are open; close them or stop what uses \(point)" : nil)
        }
    }
}
