import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// A block device node such as /dev/vdb or a link to one (/dev/disk/by-id/...): its `major:minor` and size, read
/// through the kernel's `sys/dev/block/MAJ:MIN` directory under the same root.
public struct BlockDeviceNode: Sendable {
    public let path: String
    public let major: UInt64
    public let minor: UInt64
    public let root: SystemRoot

    /// Fails with ENOTBLK when `path` is not a block device, with the stat errno when it cannot be read.
    public init(path: String, root: SystemRoot) throws(HostError) {
        var st = stat()
        guard stat(root.absolute(path), &st) == 0 else {
            throw HostError(subject: path, action: "cannot stat", path: root.absolute(path), errno: Errno(rawValue: errno))
        }
        guard (st.st_mode & S_IFMT) == S_IFBLK else {
            throw HostError(subject: path, action: "not a block device:", path: root.absolute(path), errno: .notBlockDevice,
                            hint: "give a block device (a disk, partition or loop device)")
        }
        let (major, minor) = Self.split(UInt64(st.st_rdev))
        self.path = path
        self.major = major
        self.minor = minor
        self.root = root
    }

    /// glibc's gnu_dev_major/minor encoding of a 64-bit dev_t.
    static func split(_ dev: UInt64) -> (UInt64, UInt64) {
        (((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff)), (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff)))
    }

    public var number: String { "\(major):\(minor)" }

    /// The device's size in bytes (`size` counts 512-byte sectors whatever the logical block size).
    public func sizeBytes() throws(HostError) -> UInt64 {
        let file = "sys/dev/block/\(number)/size"
        let text: String
        do { text = try root.read(file) } catch {
            throw HostError(subject: path, action: "cannot read the size of", path: root.absolute(file), errno: error)
        }
        guard let sectors = UInt64(text.trimmingWhitespace()) else {
            throw HostError.malformed("size", in: root.absolute(file), hint: "expected a number of 512-byte sectors")
        }
        return sectors * 512
    }
}
