import CShimSystem
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Bulk O_DIRECT transfers between a page-aligned buffer and /dev/zramN, in 1 MiB requests as `dd bs=1M
/// oflag=direct` issues them (kernel-abi §9.3), so a throughput figure measures zram, not syscall overhead.
/// Safe to use from several threads at once on disjoint page ranges (pwrite/pread carry their own offsets).
public final class ZramDirectRange: @unchecked Sendable {
    public let device: ZramDevice
    private let fd: Int32
    public static let requestBytes = 1 << 20

    public init(device: ZramDevice) throws(HostError) {
        self.device = device
        let fd = cshim_open_direct(device.devicePath, O_RDWR)
        guard fd >= 0 else {
            throw HostError(subject: device.name, action: "cannot open for direct I/O", path: device.devicePath,
                            errno: Errno(rawValue: errno))
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Writes pages [first, first + count) from `buffer` (page-aligned, holding those pages at the same offsets).
    public func write(from buffer: UnsafeRawPointer, firstPage first: Int, count: Int) throws(HostError) {
        try transfer(first, count) { offset, length in pwrite(fd, buffer + offset, length, off_t(offset)) }
    }

    /// Reads pages [first, first + count) into `buffer` at the same offsets.
    public func read(into buffer: UnsafeMutableRawPointer, firstPage first: Int, count: Int) throws(HostError) {
        try transfer(first, count) { offset, length in pread(fd, buffer + offset, length, off_t(offset)) }
    }

    private func transfer(_ first: Int, _ count: Int, _ op: (Int, Int) -> Int) throws(HostError) {
        var offset = first * pageSizeBytes
        let end = (first + count) * pageSizeBytes
        while offset < end {
            let length = min(Self.requestBytes, end - offset)
            let n = op(offset, length)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw HostError(subject: device.name, action: "direct I/O at byte \(offset) failed", path: device.devicePath,
                                errno: n < 0 ? Errno(rawValue: errno) : .ioError)
            }
            offset += n
        }
    }

    private var pageSizeBytes: Int { 4096 }
}
