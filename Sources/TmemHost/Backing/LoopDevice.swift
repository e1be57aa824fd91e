import CShimSystem
import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// A loop device over a backing file, made through the kernel's loop ioctls (what `losetup --direct-io=on`
/// does, without losetup): LOOP_CTL_GET_FREE on /dev/loop-control, then LOOP_CONFIGURE with
/// LO_FLAGS_AUTOCLEAR | LO_FLAGS_DIRECT_IO and 4096-byte blocks (zram writes whole pages).
///
/// Autoclear: the kernel unbinds the device when its last opener closes it (drivers/block/loop.c, lo_release).
/// The attachment's descriptor keeps it bound until zram (or dm-crypt) has opened it; after that zram's reset
/// closes the last reference and the device goes away by itself, so teardown has nothing extra to detach.
public final class LoopAttachment {
    /// `loop3`.
    public let name: String
    let fd: Int32
    /// LOOP_CONFIGURE was missing (a kernel before 5.8) and the four older ioctls were used.
    public let usedLegacyIoctls: Bool

    init(name: String, fd: Int32, legacy: Bool) {
        self.name = name
        self.fd = fd
        self.usedLegacyIoctls = legacy
    }

    /// `/dev/loop3`, as written to backing_dev.
    public var node: String { "/dev/\(name)" }

    /// Closing lets autoclear unbind the device once nobody else has it open.
    deinit { close(fd) }

    public static let controlPath = "dev/loop-control"
    /// zram's I/O unit; the loop device's logical block size, so direct I/O works on 4K-sector disks too.
    public static let blockSize: UInt32 = 4096

    /// Binds `file` to a free loop device with direct I/O and autoclear; refused (and unbound again) when the
    /// kernel does not turn direct I/O on, since a loop device through the page cache would keep in memory
    /// the very pages zram writes out.
    public static func attach(_ file: OpenBackingFile, root: SystemRoot) throws(HostError) -> LoopAttachment {
        guard root.isLive else {
            throw HostError(subject: file.path, action: "cannot make a loop device under --root:", path: root.absolute(controlPath),
                            errno: .notPermitted, hint: "loop devices are made only on the live root (/)")
        }
        let control = open(root.absolute(controlPath), O_RDWR | O_CLOEXEC)
        guard control >= 0 else {
            let e = Errno(rawValue: errno)
            throw HostError(subject: file.path, action: "cannot open", path: root.absolute(controlPath), errno: e,
                            hint: e == .noSuchFileOrDirectory ? "this kernel has no loop driver (CONFIG_BLK_DEV_LOOP; modprobe loop)" : nil)
        }
        defer { close(control) }
        // Another program may bind the free device between GET_FREE and CONFIGURE (EBUSY): ask again.
        for _ in 0..<16 {
            let index = cshim_loop_get_free(control)
            guard index >= 0 else {
                throw HostError(subject: file.path, action: "LOOP_CTL_GET_FREE failed on", path: root.absolute(controlPath),
                                errno: Errno(rawValue: errno))
            }
            let name = "loop\(index)"
            let node = root.absolute("dev/\(name)")
            var fd: Int32 = -1
            // devtmpfs makes the node as the device is added; allow it a moment.
            for _ in 0..<100 {
                fd = open(node, O_RDWR | O_CLOEXEC)
                if fd >= 0 || errno != ENOENT { break }
                usleep(10_000)
            }
            guard fd >= 0 else {
                throw HostError(subject: file.path, action: "cannot open", path: node, errno: Errno(rawValue: errno))
            }
            var legacy: Int32 = 0
            if cshim_loop_attach(fd, file.fd, blockSize, CSHIM_LO_FLAGS_AUTOCLEAR | CSHIM_LO_FLAGS_DIRECT_IO, &legacy) != 0 {
                let e = Errno(rawValue: errno)
                close(fd)
                if e == .resourceBusy { continue }
                throw HostError(subject: file.path, action: "cannot bind \(file.path) to", path: node, errno: e,
                                hint: e == .invalidArgument ? "the kernel refused 4096-byte blocks or direct I/O for this file" : nil)
            }
            let attachment = LoopAttachment(name: name, fd: fd, legacy: legacy != 0)
            var flags: UInt32 = 0, limit: UInt64 = 0
            guard cshim_loop_status(fd, &flags, &limit) == 0 else {
                let e = Errno(rawValue: errno)
                _ = cshim_loop_detach(fd)
                throw HostError(subject: file.path, action: "LOOP_GET_STATUS64 failed on", path: node, errno: e)
            }
            guard flags & CSHIM_LO_FLAGS_DIRECT_IO != 0 else {
                _ = cshim_loop_detach(fd)
                throw HostError(subject: file.path, action: "the kernel left direct I/O off for", path: node,
                                hint: "its file system cannot do direct I/O in 4096-byte blocks; put the file on ext4, xfs or btrfs")
            }
            return attachment
        }
        throw HostError(subject: file.path, action: "every free loop device was taken before it could be bound:", path: root.absolute(controlPath),
                        errno: .resourceBusy, hint: "another program is making loop devices; try again")
    }
}

extension LoopDevice {
    /// What sysfs says about a loop device (`loop3`): its backing file and flags; nil fields when unbound.
    public struct State: Equatable, Sendable {
        /// `loop/backing_file`: the file's path as the kernel resolves it (` (deleted)` appended once unlinked).
        public var backingFile: String?
        public var directIO: Bool?
        public var autoclear: Bool?
        /// `size`, 512-byte sectors × 512.
        public var sizeBytes: UInt64?
    }

    public static func state(name: String, root: SystemRoot) -> State {
        let dir = "sys/block/\(name)"
        func read(_ f: String) -> String? { (try? root.read("\(dir)/\(f)"))?.trimmingWhitespace() }
        return State(backingFile: read("loop/backing_file"), directIO: read("loop/dio").map { $0 == "1" },
                     autoclear: read("loop/autoclear").map { $0 == "1" }, sizeBytes: read("size").flatMap { UInt64($0) }.map { $0 * 512 })
    }

}
