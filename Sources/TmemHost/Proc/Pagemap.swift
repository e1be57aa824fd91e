import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// One virtual page as `/proc/PID/pagemap` describes it (Documentation/admin-guide/mm/pagemap.rst): a 64-bit
/// word per page; bit 63 present in RAM, bit 62 swapped, and for a swapped page bits 0-4 the swap type (which
/// swap area) and bits 5-54 the offset in it. The swap fields read as zero without CAP_SYS_ADMIN.
public struct PagemapEntry: Equatable, Sendable {
    public let raw: UInt64

    public init(raw: UInt64) { self.raw = raw }

    public var isPresent: Bool { raw & (1 << 63) != 0 }
    public var isSwapped: Bool { raw & (1 << 62) != 0 }
    public var swapType: Int { Int(raw & 0x1f) }
    public var swapOffset: Int { Int((raw >> 5) & ((1 << 50) - 1)) }
}

public enum Pagemap {
    /// The entries of `count` pages starting at virtual address `address` of process `pid`.
    public static func read(pid: Int32, address: UInt64, count: Int, root: SystemRoot) throws(HostError) -> [PagemapEntry] {
        let path = root.absolute("proc/\(pid)/pagemap")
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            throw HostError(subject: "pid \(pid)", action: "cannot open", path: path, errno: Errno(rawValue: errno))
        }
        defer { close(fd) }
        var words = [UInt64](repeating: 0, count: count)
        let wanted = count * 8
        var done = 0
        let start = off_t(Int64(bitPattern: address / UInt64(pageSize) * 8))
        while done < wanted {
            let n = words.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, wanted - done, start + off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                throw HostError(subject: "pid \(pid)", action: "cannot read", path: path,
                                errno: n < 0 ? Errno(rawValue: errno) : .ioError)
            }
            done += n
        }
        return words.map(PagemapEntry.init(raw:))
    }
}
